import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from casebase.laws.loader import law_files
from casebase.laws.models import Law, LawVersion, Provision
from casebase.laws.resolve import find_law, find_provision, find_provisions
from casebase.taxonomy.models import Division, Industry, Measure, ViolationType
from casebase.taxonomy.vocabularies import MEASURES, VIOLATION_TYPES

pytestmark = pytest.mark.django_db


def test_industries_have_the_published_counts_per_level():
    counts = {level: Industry.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert counts == {1: 20, 2: 97, 3: 473, 4: 1381}
    assert Industry.objects.get(code="C26").name == "化学原料和化学制品制造业"
    assert Industry.objects.get(code="C2614").division.code == "C26"


def test_divisions_keep_flags_and_hierarchy():
    assert Division.objects.filter(level=1).count() == 31
    assert Division.objects.filter(level=2, is_placeholder=False).count() == 333
    assert Division.objects.filter(is_functional_zone=True).count() == 124
    yuhang = Division.objects.get(name="余杭区", parent__name="杭州市")
    assert [d.name for d in yuhang.ancestors()] == ["浙江省", "杭州市"]
    assert yuhang.province.name == "浙江省"


def test_vocabularies_are_the_contract_terms_with_subtypes():
    assert list(ViolationType.objects.filter(parent=None).values_list("name", flat=True)) == VIOLATION_TYPES
    assert list(Measure.objects.values_list("name", flat=True)) == MEASURES
    assert ViolationType.objects.get(name="未批先建").reported_type.name == "环境影响评价"


def test_every_law_file_loads_as_a_version():
    files = law_files(Path(settings.SHARED_DIR) / "laws")
    assert LawVersion.objects.count() == len(files) == 31
    assert all(v.articles().exists() for v in LawVersion.objects.all())


def test_air_pollution_law_2018_has_129_articles_with_paragraphs_and_items():
    version = LawVersion.objects.get(law__title="中华人民共和国大气污染防治法")
    assert version.articles().count() == 129
    assert version.adopted_on == datetime.date(2018, 10, 26)
    article_108 = version.provisions.filter(article=108)
    assert article_108.filter(paragraph=1, item__isnull=False).count() == 6
    item_5 = article_108.get(paragraph=1, item=5)
    assert item_5.text.startswith("（五）钢铁、建材")
    assert item_5.label == "第一百零八条第一款第（五）项"
    assert item_5.key == "大气污染防治法@2018:108.1.5"


def test_effective_dates_come_from_the_text():
    def effective(title, year):
        return LawVersion.objects.get(law__title=title, adopted_on__year=year).effective_on

    assert effective("中华人民共和国固体废物污染环境防治法", 2020) == datetime.date(2020, 9, 1)
    assert effective("中华人民共和国噪声污染防治法", 2021) == datetime.date(2022, 6, 5)
    # An amendment applies from its adoption even though the 施行 article names an older date.
    assert effective("中华人民共和国大气污染防治法", 2018) == datetime.date(2018, 10, 26)


def test_the_version_in_force_depends_on_the_date():
    marine = Law.objects.get(title="中华人民共和国海洋环境保护法")
    assert marine.versions.count() == 2
    assert marine.version_in_force(datetime.date(2023, 6, 1)).adopted_on.year == 2017
    assert marine.version_in_force(datetime.date(2024, 6, 1)).adopted_on.year == 2023
    assert marine.version_in_force(datetime.date(2010, 1, 1)) is None


def test_a_shared_alias_means_the_law_in_force_on_the_date():
    old, new = "中华人民共和国环境噪声污染防治法", "中华人民共和国噪声污染防治法"
    assert find_law("噪声法", datetime.date(2022, 6, 4)).title == old
    assert find_law("《噪声法》", datetime.date(2022, 6, 5)).title == new
    assert find_law("噪声法").title == new
    assert find_law("大气法").title == "中华人民共和国大气污染防治法"
    assert find_law("大气污染防治法").title == "中华人民共和国大气污染防治法"  # short title
    assert find_law("某某法") is None


def test_an_item_cited_without_its_paragraph_resolves_to_the_paragraph_that_has_it():
    law = find_law("《大气污染防治法》")
    provision = find_provision(law, 108, None, 5, datetime.date(2024, 1, 1))
    assert (provision.paragraph, provision.item) == (1, 5)


def test_many_citations_resolve_at_once_as_they_do_one_by_one():
    citations = [
        ("《大气污染防治法》", 108, None, 5),
        ("中华人民共和国水污染防治法", 83, None, 2),
        ("中华人民共和国水污染防治法", 10, None, None),
        ("大气法", 99, 1, None),
        ("中华人民共和国大气污染防治法", 99, 2, 9),  # no such item
        ("某某法", 1, None, None),  # no such law
    ]
    on = datetime.date(2024, 1, 1)
    one_by_one = [
        find_provision(law, article, paragraph, item, on) if (law := find_law(name, on)) else None
        for name, article, paragraph, item in citations
    ]
    assert find_provisions(citations, on) == one_by_one
    assert one_by_one[0] is not None and one_by_one[-2:] == [None, None]
    noise = [("噪声法", 2, None, None), ("中华人民共和国海洋环境保护法", 2, None, None)]
    for day in (datetime.date(2022, 6, 4), datetime.date(2023, 6, 1), datetime.date(2024, 6, 1), None):
        singly = [find_provision(find_law(name, day), article, paragraph, item, day) for name, article, paragraph, item in noise]
        assert find_provisions(noise, day) == singly and None not in singly


def test_articles_numbered_zhi_yi_load_separately():
    criminal = LawVersion.objects.get(law__title="中华人民共和国刑法")
    assert criminal.provisions.filter(article=120, sub_article=1, paragraph=None).exists()
    assert criminal.provisions.get(article=338, paragraph=None).text


def test_reloading_is_idempotent_and_keeps_provision_rows():
    before = (Provision.objects.count(), Industry.objects.count(), Division.objects.count())
    first_id = Provision.objects.order_by("pk").first().pk
    call_command("load_reference_data", stdout=open("/dev/null", "w"))
    assert (Provision.objects.count(), Industry.objects.count(), Division.objects.count()) == before
    assert Provision.objects.filter(pk=first_id).exists()


def test_half_width_item_marks_of_regulations_are_items():
    version = LawVersion.objects.get(law__title="排污许可管理条例")
    items = version.provisions.filter(article=33, item__isnull=False)
    assert items.count() >= 4
    assert all(p.paragraph == 1 for p in items)
