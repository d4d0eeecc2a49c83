"""The public search page: results, facets, shareable URLs, empty and unavailable states; CSV export."""
import csv
import io
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db


def test_results_with_highlighted_snippets_facets_and_shareable_url(client, corpus):
    response = client.get("/search/", {"q": "暗管", "province": "浙江省"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "检索结果：共 1 件" in html and "温州某电镀有限公司私设暗管排放含铬废水案" in html
    assert "<em>暗管</em>" in html
    # Multi-select facets are plain checkboxes of a GET form; the selected one is checked.
    assert 'name="province" value="浙江省" checked' in html and 'name="violation_type" value="水污染"' in html
    assert "已选：" in html and "导出 CSV" in html


def test_a_helpful_page_when_nothing_matches(client, corpus):
    html = client.get("/search/", {"q": "核电站放射性废液", "province": "云南省"}).content.decode()
    assert "没有找到符合条件的案例" in html and "试着取消部分筛选条件" in html and "大气法第一百零八条" in html


def test_bad_parameters_are_explained_not_failed(client, search_index):
    response = client.get("/search/", {"page_size": "500"})
    assert response.status_code == 400 and "page_size" in response.content.decode()


@pytest.mark.parametrize("url, params", [
    ("/search/", {"article": "大气污染防治法@2018:99999999999999999"}),
    ("/search/discretion/", {"article": "大气污染防治法@2018:99999999999999999"}),
    ("/search/discretion/", {"article": "x@0000:0"}),
    ("/search/discretion/", {"violation_type": "大气污染", "industry": "C26\x00"}),
    ("/search/", {"q": "\x1f"}),
])
def test_out_of_range_articles_and_control_characters_are_explained_in_chinese(client, corpus, url, params):
    response = client.get(url, params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "条款应写作" in html or "控制字符" in html or "行业应为" in html


def test_search_unavailable_page_and_api_when_elasticsearch_is_down(client, corpus, elasticsearch_unreachable):
    page = client.get("/search/", {"q": "暗管"})
    assert page.status_code == 503 and "检索服务暂时不可用" in page.content.decode()
    api = client.get("/api/v1/search/", {"q": "暗管"})
    assert api.status_code == 503 and api.json()["error"] == "search_unavailable"
    assert client.get("/api/v1/suggest/", {"q": "暗管"}).status_code == 503
    assert client.get("/search/export.csv", {"q": "暗管"}).status_code == 503
    # Case pages still render, without related cases.
    case = corpus["T-PIPE-1"]
    assert client.get(case.url).status_code == 200


def test_case_text_is_escaped_in_snippets_and_only_highlights_are_markup(client, hostile_corpus):
    html = client.get("/search/", {"q": "超标排放"}).content.decode()
    assert "T-XSS-1" in html or "超标排放废气案" in html
    assert "<img" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<em>超标排放</em>" in html


def test_csv_export_neutralises_formulas(client, hostile_corpus):
    response = client.get("/search/export.csv", {"q": "超标排放"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    [row] = [row for row in rows if row[0] == "T-XSS-1"]
    assert row[3] == "'=HYPERLINK(\"http://x\")"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_csv_export_of_a_result_list(client, corpus):
    response = client.get("/search/export.csv", {"violation_type": "大气污染", "sort": "-date"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["案例编号", "标题"]
    assert [row[0] for row in rows[1:]] == ["T-AIR-1", "T-DUST-1", "T-AIR-2"]
    assert rows[1][-1].startswith("http://testserver/cases/")


def test_header_and_home_page_offer_search(client, corpus):
    home = client.get("/").content.decode()
    assert 'action="/search/"' in home and "data-suggest=\"/api/v1/suggest/\"" in home
    assert 'href="/search/"' in client.get("/cases/").content.decode()


def test_a_huge_query_is_not_repeated_in_every_link(client, corpus):
    # The search reads the first MAX_QUERY_LENGTH characters; the page's facet, page and export
    # links repeat no more than that (before: each of ~15 links carried the whole text).
    from search.params import MAX_QUERY_LENGTH

    response = client.get("/search/", {"q": "废水" * 3000})
    html = response.content.decode()
    assert response.status_code == 200 and "废水" in html
    assert "废水" * (MAX_QUERY_LENGTH // 2 + 1) not in html
    assert quote("废水" * (MAX_QUERY_LENGTH // 2 + 1)) not in html
