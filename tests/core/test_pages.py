"""Every public page type renders with its key content; unknown URLs get a Chinese 404."""
from urllib.parse import unquote

import pytest

from tests.factories import create_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(library, search_index):
    return create_case(ref="ZJ-2024-0113", commended=True)


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_page_shows_counts_and_latest_cases(client, case):
    html = get_ok(client, "/")
    assert '<html lang="zh-CN">' in html
    assert "已发布典型案例 <strong>1</strong> 件" in html
    assert case.title in html
    assert "优秀典型案例" in html


def test_library_lists_cases_with_paging_and_commended_filter(client, case):
    create_case(ref="ZJ-2024-0114", title="温州某电镀厂私设暗管案", city="温州市", county=None)
    html = get_ok(client, "/cases/")
    assert "共 2 件" in html and case.title in html and "温州某电镀厂私设暗管案" in html
    commended = get_ok(client, "/cases/?commended=1")
    assert "共 1 件" in commended and "温州某电镀厂私设暗管案" not in commended
    # A page number that is not a number or out of range shows a page, never an error.
    assert "共 2 件" in get_ok(client, "/cases/?page=abc")
    assert "共 2 件" in get_ok(client, "/cases/?page=999")


def test_city_listing_shows_only_that_citys_cases(client, case):
    create_case(ref="ZJ-2024-0115", title="温州某印染厂超标排放案", city="温州市", county=None)
    html = get_ok(client, case.get_parent().url)
    assert case.title in html and "温州某印染厂超标排放案" not in html


def test_case_page_shows_sections_facts_and_links_to_the_cited_articles(client, case):
    html = get_ok(client, case.url)
    for heading in ("基本案情", "查处情况", "典型意义", "违反条款", "处罚依据"):
        assert heading in html
    assert "ZJ-2024-0113" in html and "浙江省杭州市余杭区" in html
    assert "120,000 元" in html
    assert "化学原料和化学制品制造业" in html
    assert "/laws/大气污染防治法/2018-10-26/#article-108-1-1" in unquote(html)
    assert "《中华人民共和国大气污染防治法》第一百零八条第（一）项" in html  # as cited


def test_drafts_are_not_public(client, library, search_index):
    draft = create_case(ref="ZJ-D-9", publish=False)
    assert client.get(f"/cases/杭州市/{draft.slug}/").status_code == 404


def test_law_index_and_version_page_with_stable_article_anchors(client, db):
    index = get_ok(client, "/laws/")
    assert "中华人民共和国大气污染防治法" in index
    html = get_ok(client, "/laws/大气污染防治法/2018-10-26/")
    assert 'id="article-99"' in html
    assert "第九十九条" in html and "第七章 法律责任" in html
    assert 'id="article-108-1-5"' in html
    marine = get_ok(client, "/laws/海洋环境保护法/2017-11-04/")
    assert "其他版本" in marine and "/laws/海洋环境保护法/2023-10-24/" in unquote(marine)


def test_law_short_url_redirects_to_the_newest_version(client, db):
    response = client.get("/laws/海洋环境保护法/")
    assert response.status_code == 302
    assert unquote(response["Location"]) == "/laws/海洋环境保护法/2023-10-24/"


@pytest.mark.parametrize("url", ["/no-such-page/", "/laws/没有这部法/", "/laws/大气污染防治法/1999-01-01/", "/laws/大气污染防治法/not-a-date/"])
def test_unknown_urls_get_a_chinese_404_page(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
