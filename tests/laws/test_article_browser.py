"""The article browser (/search/articles/): cited articles by law, environmental laws first,
a switch to every article and a filter, all without JavaScript."""
import datetime
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.test import override_settings

from casebase.cases.models import CasePage
from tests.factories import create_case

pytestmark = pytest.mark.django_db

AIR_LAW, WATER_LAW, CRIMINAL_LAW = "中华人民共和国大气污染防治法", "中华人民共和国水污染防治法", "中华人民共和国刑法"
DEFAULT_VIEW_BUDGET = 100 * 1024


def cite(law: str, article: int) -> list[dict]:
    return [{"law": law, "article": article, "paragraph": None, "item": None}]


@pytest.fixture
def cases(library, search_index):
    """A published dust case (大气法 72 / 117), a published criminal case (刑法 338), and cases of
    水污染防治法 that must not count: a draft and a withdrawn case."""
    dust = create_case(ref="T-BROWSE-1", title="某建材公司露天堆放物料案", violated=cite(AIR_LAW, 72),
                       penalty_basis=cite(AIR_LAW, 117))
    crime = create_case(ref="T-BROWSE-2", title="某公司非法倾倒危险废物移送案", violated=cite(CRIMINAL_LAW, 338),
                        penalty_basis=cite(CRIMINAL_LAW, 338))
    create_case(ref="T-BROWSE-3", title="某电镀厂暗管排污案（草稿）", publish=False, violated=cite(WATER_LAW, 39),
                penalty_basis=cite(WATER_LAW, 83))
    withdrawn = create_case(ref="T-BROWSE-4", title="某化工厂超标排放案（已撤除）", violated=cite(WATER_LAW, 10),
                            penalty_basis=cite(WATER_LAW, 83))
    CasePage.objects.filter(pk=withdrawn.pk).update(withdrawn_on=datetime.date(2025, 1, 2))
    return {"dust": dust, "crime": crime}


def browse(client, **params) -> str:
    response = client.get("/search/articles/", params)
    assert response.status_code == 200
    return unquote(response.content.decode())


def test_default_view_lists_only_cited_articles_by_law_environmental_laws_first(client, cases):
    html = browse(client)
    assert html.index(AIR_LAW) < html.index(CRIMINAL_LAW)
    assert '<a href="/laws/大气污染防治法/">中华人民共和国大气污染防治法</a>' in html
    assert "#article-72\">第七十二条</a>" in html and "#article-117\">第一百一十七条</a>" in html
    assert "#article-338\">第三百三十八条</a>" in html
    assert "#article-1\">第一条</a>" not in html  # not cited
    assert WATER_LAW not in html  # cited only by a draft and a withdrawn case
    assert '/search/?article=大气污染防治法@2018:72">1 件</a>' in html


def test_the_switch_shows_every_article_without_javascript(client, cases):
    html = browse(client, all="1")
    assert "#article-1\">第一条</a>" in html and WATER_LAW in html
    assert 'name="all" value="1" checked' in html
    assert '<a href="?">只看有案例的条文</a>' in html


@pytest.mark.parametrize("query, shown, hidden", [
    ("大气法第七十二条", ["#article-72\">第七十二条"], ["#article-117\"", CRIMINAL_LAW]),
    ("环评法31条", [], [AIR_LAW, CRIMINAL_LAW]),
    ("第三百三十八条", ["#article-338\">第三百三十八条"], [AIR_LAW]),
    ("338", ["#article-338\">第三百三十八条"], [AIR_LAW]),
    ("刑法", [CRIMINAL_LAW], [AIR_LAW]),
    ("扬尘", ["#article-72\">第七十二条", "#article-117\">第一百一十七条"], [CRIMINAL_LAW]),
    ("大气法 扬尘", ["#article-72\">第七十二条"], [CRIMINAL_LAW]),
])
def test_the_filter_matches_law_names_article_numbers_and_words(client, cases, query, shown, hidden):
    html = browse(client, q=query)
    for text in shown:
        assert text in html, text
    for text in hidden:
        assert text not in html.split("</form>", 1)[1], text


def test_a_filter_that_finds_nothing_offers_every_article(client, cases):
    html = browse(client, q="暗管")
    assert "没有与“暗管”相符的条文" in html and '<a href="?all=1&amp;q=暗管">在全部条文中查找</a>' in html
    assert WATER_LAW in browse(client, q="暗管", all="1")  # 水污染防治法第三十九条 forbids hidden pipes


def test_the_default_view_of_the_demo_data_stays_small_in_a_few_queries(client, library, search_index,
                                                                         django_assert_max_num_queries):
    with override_settings(DEBUG=True):
        call_command("load_demo_data", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    with django_assert_max_num_queries(8):
        response = client.get("/search/articles/")
    assert len(response.content) <= DEFAULT_VIEW_BUDGET, len(response.content)
    html = unquote(response.content.decode())
    assert html.index(AIR_LAW) < html.index("中华人民共和国行政处罚法")
    assert len(client.get("/search/articles/", {"all": "1"}).content) > DEFAULT_VIEW_BUDGET  # what it was


@pytest.mark.parametrize("query", ["大气\x00法", "\x07", "\x1b[31m"])
def test_a_filter_with_control_characters_is_refused_in_chinese(client, query):
    response = client.get("/search/articles/", {"q": query})
    assert response.status_code == 400
    assert "不能含有控制字符" in response.content.decode()
