"""A guide explains each obligation with its article text and each violation with current cases."""
import datetime
import re
from io import BytesIO

import pytest
from pdfminer.high_level import extract_text

from casebase.cases.models import CasePage
from casebase.guides.illustrations import cases_for
from casebase.laws.resolve import find_law, find_provision
from tests.factories import create_case

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 200 * 1024
WATER_LAW = "中华人民共和国水污染防治法"


def overstandard_nickel_case(**overrides):
    """A published electroplating case that violated 水污染防治法第十条 (a violation the guide lists)."""
    record = {
        "title": "温州某电镀厂含镍废水超标排放案",
        "industry": "C3360",
        "violated": [{"law": WATER_LAW, "article": 10, "paragraph": None, "item": None}],
        "penalty_basis": [{"law": WATER_LAW, "article": 83, "paragraph": None, "item": 2}],
        "violation_types": ["水污染"],
    }
    return create_case(**{**record, **overrides})


def get_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def violation_section(html: str, heading: str) -> str:
    """The HTML of one common violation, from its heading to the next entry."""
    return html.split(heading, 1)[1].split('<article class="entry', 1)[0]


def test_obligations_link_their_provisions_and_show_the_article_text(client, guides):
    html = get_html(client, guides["electroplating"].url)
    provision = find_provision(find_law(WATER_LAW), 45, 1, None, None)
    assert f'<a href="{provision.get_absolute_url()}">《{WATER_LAW}》第四十五条第一款</a>' in html
    assert provision.text[:30] in html
    for heading in ("企业的法定义务", "常见违法行为及处罚", "企业自查清单", "常见问题", "本行业典型案例"):
        assert f">{heading}</h2>" in html
    assert len(re.findall(r'<input type="checkbox"', html)) == 12
    assert "责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款" in html


def test_violations_are_illustrated_by_published_cases_of_the_industry(client, guides):
    case = overstandard_nickel_case(ref="ZJ-2024-0201")
    other_industry = overstandard_nickel_case(ref="ZJ-2024-0202", title="某化工厂超标排放案", industry="C26")
    section = violation_section(get_html(client, guides["electroplating"].url), "含铬、镍等重金属废水超标排放")
    assert case.title in section
    assert other_industry.title not in section
    # The chemicals guide (C26) shows the chemical plant in its industry cases instead.
    assert other_industry.title in get_html(client, guides["chemicals"].url)


def test_illustrations_follow_corrections_and_withdrawals(client, guides):
    case = overstandard_nickel_case(ref="ZJ-2024-0203")
    overstandard_nickel_case(ref="ZJ-2024-0203", title="温州某电镀厂含镍废水超标排放案（更正）")
    assert "含镍废水超标排放案（更正）" in get_html(client, guides["electroplating"].url)
    withdrawn = overstandard_nickel_case(ref="ZJ-2024-0204", title="温州某电镀厂已撤除案例")
    CasePage.objects.filter(pk=withdrawn.pk).update(withdrawn_on=datetime.date(2025, 1, 2))
    assert withdrawn.title not in get_html(client, guides["electroplating"].url)
    case.refresh_from_db()
    case.unpublish()
    assert case.title not in get_html(client, guides["electroplating"].url)
    provisions = [find_provision(find_law(WATER_LAW), 10, None, None, None)]
    assert not cases_for(provisions, ["C33"]).exists()


def test_page_weighs_under_200_kb_before_images(client, guides):
    html = get_html(client, guides["electroplating"].url)
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert assets, "the stylesheet is measured too"
    weight = len(html.encode()) + sum(len(b"".join(client.get(url).streaming_content)) for url in assets)
    assert weight < PAGE_BUDGET, f"{weight} bytes"
    assert "<script" not in html  # the self-check list ticks with CSS only


def test_a_guide_resolves_its_citations_in_a_few_queries(client, guides, django_assert_max_num_queries):
    # The electroplating guide cites dozens of provisions; they are looked up together, by law.
    with django_assert_max_num_queries(60):
        get_html(client, guides["electroplating"].url)


def test_the_finder_matches_an_enterprises_own_words(client, guides):
    index_url = guides["electroplating"].get_parent().url
    html = get_html(client, index_url + "?q=我们厂做镀锌")
    assert "电镀企业环境执法简要指南" in html and "餐饮" not in html
    assert "没有找到相关的行业指南" in get_html(client, index_url + "?q=" + "火箭发射" * 30)
    assert html.count('class="guide-card"') == 1
    assert get_html(client, index_url).count('class="guide-card"') == 10


def test_guides_are_found_by_the_site_search_backend(guides):
    from casebase.guides.models import IndustryGuidePage

    found = IndustryGuidePage.objects.live().search("电镀污泥")
    assert guides["electroplating"] in list(found)


def test_guide_pdf_has_the_chinese_text_and_checklist(client, guides):
    guide = guides["vehicle-repair-spray-painting"]
    response = client.get(guide.url + "pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = extract_text(BytesIO(response.content))
    compact = re.sub(r"\s+", "", text)
    for expected in (guide.title, "企业的法定义务", "企业自查清单", "《中华人民共和国大气污染防治法》第一百零八条"):
        assert expected in compact, expected


@pytest.mark.parametrize("words, division", [
    ("印刷", "C23"), ("养猪", "A03"), ("我们是养猪场", "A03"), ("养鸡", "A03"), ("洗车", "O81"),
    ("汽修", "O81"), ("电镀", "C33"), ("砖厂", "C30"), ("家具", "C21"), ("造纸", "C22"), ("屠宰场", "C13"),
])
def test_everyday_words_map_to_their_industry_division(words, division):
    from casebase.guides.finder import divisions_for

    assert divisions_for(words)[0].code == division


@pytest.mark.parametrize("words, guide_title", [
    ("洗车", "汽修及喷涂企业环境执法简要指南"), ("砖厂", "砖瓦"), ("饭馆", "餐饮"), ("诊所", "医"),
])
def test_the_finder_finds_guides_through_the_industry_division(client, guides, words, guide_title):
    html = get_html(client, guides["electroplating"].get_parent().url + "?q=" + words)
    assert guide_title in html.split("guides-heading", 1)[1]
    assert "您的行业可能是" in html


@pytest.mark.parametrize("words, division", [("印刷", "C23 印刷和记录媒介复制业"), ("养猪", "A03 畜牧业")])
def test_a_trade_without_a_guide_is_named_and_linked_to_its_cases(client, guides, words, division):
    html = get_html(client, guides["electroplating"].get_parent().url + "?q=" + words)
    assert f'<a href="/search/?industry={division[:3]}">{division}</a>' in html
    assert "该行业暂无专门指南" in html and 'class="guide-card"' not in html
