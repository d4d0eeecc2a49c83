"""Every installation gets its site structure from `setup_site` (or on the first import), without
demo data and without the admin."""
import json

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from casebase.cases.models import CaseLibraryPage, CasePage
from casebase.compilations.models import DisclosurePage
from casebase.core.models import HomePage
from casebase.guides.models import GuideIndexPage
from tests.factories import case_record

pytestmark = pytest.mark.django_db

QUIET = {"stdout": open("/dev/null", "w"), "stderr": open("/dev/null", "w")}
SECTIONS = (CaseLibraryPage, GuideIndexPage, DisclosurePage)


def structure():
    return {model.__name__: list(model.objects.values_list("pk", flat=True)) for model in (HomePage, *SECTIONS)}


def test_setup_site_creates_home_site_and_sections_once():
    call_command("setup_site", **QUIET)
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    for model in SECTIONS:
        section = model.objects.get()
        assert section.live and section.get_parent().pk == home.pk
    # Wagtail's welcome page is gone: the home page is the only page under the root.
    assert [p.specific_class for p in Page.get_first_root_node().get_children()] == [HomePage]
    before = structure()
    call_command("setup_site", **QUIET)
    assert structure() == before


def test_import_works_on_an_installation_that_never_saw_the_demo_data(tmp_path, search_index):
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(case_record(ref="ZJ-FRESH-1"), ensure_ascii=False), encoding="utf-8")
    call_command("import_cases", str(path), "--publish", **QUIET)
    case = CasePage.objects.get(ref="ZJ-FRESH-1")
    assert case.live
    assert case.get_parent().get_parent().specific_class is CaseLibraryPage
    assert all(model.objects.count() == 1 for model in SECTIONS)


def test_load_guides_needs_no_demo_home_page():
    call_command("load_guides", **QUIET)
    index = GuideIndexPage.objects.get()
    assert index.get_children().count() > 0
