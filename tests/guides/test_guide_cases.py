"""Every common violation of every guide shows the published cases under its article: those of
the guide's industries, or else, said so, those of other industries."""
import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from casebase.cases.models import CaseCitation, CasePage
from casebase.guides.models import IndustryGuidePage
from tests.factories import create_case

pytestmark = pytest.mark.django_db

FALLBACK_NOTE = "本行业暂无同类案例，以下为其他行业违反同一条款的案例"
AIR_LAW = "中华人民共和国大气污染防治法"


def violation_sections(html: str) -> dict[str, str]:
    """heading → the HTML of that common violation (the violations section only)."""
    section = html.split(">常见违法行为及处罚</h2>", 1)[1].split("</section>", 1)[0]
    entries = section.split('<article class="entry violation">')[1:]
    return {re.search(r"<h3>\d+\. ([^<]+)</h3>", entry)[1]: entry for entry in entries}


def published_violators(provisions) -> set[int]:
    """Published cases that violated any article of `provisions` (any paragraph or item of it)."""
    pks = set()
    for provision in provisions:
        pks |= set(CaseCitation.objects.filter(
            role=CaseCitation.Role.VIOLATED, page__in=CasePage.objects.published(),
            provision__version=provision.version_id, provision__article=provision.article,
            provision__sub_article=provision.sub_article,
        ).values_list("page_id", flat=True))
    return pks


def test_each_violation_of_each_guide_shows_a_case_when_one_was_published(client, library, search_index):
    with override_settings(DEBUG=True):
        call_command("load_demo_data", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    guides = IndustryGuidePage.objects.live()
    assert guides.count() == 10
    checked = 0
    for guide in guides:
        sections = violation_sections(client.get(guide.url).content.decode())
        violations = [entry for block in guide.body if block.block_type == "violations" for entry in block.value["entries"]]
        assert len(sections) == len(violations), guide.slug
        for violation in violations:
            section = sections[violation["heading"]]
            violators = published_violators([c.provision for c in violation["violated"] if c.provision])
            if violators:
                shown = {int(pk) for pk in re.findall(r'data-case="(\d+)"', section)}
                assert shown and shown <= violators, f"{guide.slug}: {violation['heading']}"
                checked += 1
            else:
                assert "暂无违反上述条款的已发布案例" in section
    assert checked >= 20  # most violations have cases in the demo corpus
    # The example: no vehicle repairer sprayed in the open, three other enterprises did.
    vehicle = IndustryGuidePage.objects.get(slug="vehicle-repair-spray-painting")
    section = violation_sections(client.get(vehicle.url).content.decode())["露天喷漆或治理设施形同虚设"]
    assert FALLBACK_NOTE in section and section.count("data-case=") == 3


def test_the_fallback_says_the_cases_come_from_other_industries(client, guides):
    other = create_case(ref="ZJ-2024-0401", title="某家具厂露天喷漆案", industry="C21",
                        violated=[{"law": AIR_LAW, "article": 45, "paragraph": None, "item": None}])
    url = guides["vehicle-repair-spray-painting"].url
    section = violation_sections(client.get(url).content.decode())["露天喷漆或治理设施形同虚设"]
    assert FALLBACK_NOTE in section and other.title in section
    # Once a repair shop's case is published, the guide shows its own industry's case alone.
    own = create_case(ref="ZJ-2024-0402", title="某汽修厂露天喷漆案", industry="O8111",
                      violated=[{"law": AIR_LAW, "article": 45, "paragraph": None, "item": None}])
    section = violation_sections(client.get(url).content.decode())["露天喷漆或治理设施形同虚设"]
    assert own.title in section and other.title not in section and FALLBACK_NOTE not in section
