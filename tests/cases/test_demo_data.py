"""The demo data of CONTRACTS §6: enough cases to show every facet, the accounts, a draft per city,
and the real published cases of shared/data/real_cases/ beside the written ones."""
import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import override_settings

from casebase.cases.demo_accounts import CITY_OFFICERS, CITY_SUBMITTERS, ROLE_ACCOUNTS
from casebase.cases.management.commands.load_demo_data import DEMO_DIR, real_cases_file
from casebase.cases.models import CasePage
from casebase.taxonomy.models import Measure, ViolationType
from search.indexing import rebuild

pytestmark = pytest.mark.django_db

QUIET = {"stdout": open("/dev/null", "w"), "stderr": open("/dev/null", "w")}


@pytest.fixture
def demo(search_index):
    with override_settings(DEBUG=True):
        call_command("load_demo_data", **QUIET)


def refs(path) -> set[str]:
    return {json.loads(line)["ref"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_demo_data_covers_the_vocabularies_and_has_accounts_and_drafts(demo):
    """One load, several checks: loading the demo data takes a while."""
    check_cases_cover_the_vocabularies_regions_and_industries()
    check_accounts_sign_in_with_the_demo_password_and_hold_their_roles()
    check_each_demo_city_has_an_unsubmitted_draft()
    check_the_real_cases_are_published_beside_the_written_ones()
    check_the_demo_corpus_indexes()
    check_loading_again_changes_nothing()


def check_the_real_cases_are_published_beside_the_written_ones():
    written, real = refs(DEMO_DIR / "published.jsonl"), refs(real_cases_file())
    assert len(real) == 60 and not written & real
    published = set(CasePage.objects.live().values_list("ref", flat=True))
    assert published == written | real
    # The real cases keep where they were first published.
    assert not CasePage.objects.filter(ref__in=real, publisher="").exists()


def check_cases_cover_the_vocabularies_regions_and_industries():
    published = CasePage.objects.live()
    assert published.count() >= 60
    assert published.values("province").distinct().count() >= 10
    assert published.values("city").distinct().count() >= 20
    assert published.values("industry").distinct().count() >= 15
    used_types = ViolationType.objects.filter(parent=None, casepage__live=True).distinct()
    assert used_types.count() == ViolationType.objects.filter(parent=None).count()
    assert Measure.objects.filter(casepage__live=True).distinct().count() == Measure.objects.count()
    # Every provision the written cases cite resolved, except where the law version of the date is
    # not held. (The real cases also cite local regulations Casebase does not hold, kept unlinked.)
    written = published.filter(ref__in=refs(DEMO_DIR / "published.jsonl"))
    assert all(c.provision or c.law_title == "中华人民共和国刑法" for p in written for c in p.citations.all())


def check_accounts_sign_in_with_the_demo_password_and_hold_their_roles():
    for username in [*CITY_SUBMITTERS, *CITY_OFFICERS, *ROLE_ACCOUNTS]:
        user = authenticate(username=username, password="casebase-demo")
        assert user is not None, username
        assert user.has_perm("wagtailadmin.access_admin"), username
    hangzhou = authenticate(username="city_hangzhou", password="casebase-demo")
    assert [g.name for g in hangzhou.groups.all()] == ["杭州市案例报送员"]
    officer = authenticate(username="officer_hangzhou", password="casebase-demo")
    assert [g.name for g in officer.groups.all()] == ["杭州市执法人员"]
    assert officer.has_perm("alerts.add_savedsearch") and not hangzhou.has_perm("alerts.add_savedsearch")


def check_each_demo_city_has_an_unsubmitted_draft():
    drafts = CasePage.objects.filter(live=False).values("city__name").annotate(n=Count("pk"))
    assert {d["city__name"] for d in drafts} >= {"杭州市", "温州市", "昆明市"}


def check_loading_again_changes_nothing():
    before = (CasePage.objects.count(), CasePage.objects.live().count())
    revisions = sum(p.revisions.count() for p in CasePage.objects.all())
    with override_settings(DEBUG=True):
        call_command("load_demo_data", **QUIET)
    assert (CasePage.objects.count(), CasePage.objects.live().count()) == before
    assert sum(p.revisions.count() for p in CasePage.objects.all()) == revisions


def check_the_demo_corpus_indexes():
    _, count, _ = rebuild()
    assert count == CasePage.objects.live().count()


def test_refuses_to_run_with_debug_off(db):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG 已关闭"):
        call_command("load_demo_data", **QUIET)
