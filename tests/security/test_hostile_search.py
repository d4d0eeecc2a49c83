"""A hostile corpus through every search input and output.

Inputs: markup, control characters, NUL, huge and odd numbers, 10 KB strings, full-width and
unusual Unicode — in q, every facet parameter, section, sort, page, page_size, the fine bounds,
suggest, the CSV export, the discretion page and the articles page; and in indexed case titles
and sections. Outputs: the search page, the API's JSON, the CSV export, suggestions, case pages
(related cases), the discretion page and the law pages. Each answer is either a result with
every piece of case text escaped (only Elasticsearch's <em> marks are markup) or a clean 400
(JSON naming the parameter on the API, a Chinese message on pages) — never a 500."""
import csv
import io
from urllib.parse import unquote

import pytest

from search import indexing
from search.params import FILTERS
from tests.factories import create_case
from tests.search.conftest import XSS_TITLE, corpus, hostile_corpus  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<img src=x onerror=alert(1)>',
    '"><svg/onload=alert(1)>',
    "</em><script>alert(1)</script><em>",
    '=HYPERLINK("http://x")',
    "\x00", "扬尘\x00排放", "\x1f", "\x7f\x85", "\u202e\ufeff扬尘",
    "9" * 30, "-1", "1e309", "nan", "0x1F",
    "大气污染防治法@2018:99999999999999999", "x@0000:0", "大气污染防治法@9999:1-0",
    "扬尘" * 2600,  # over 10 KB of UTF-8
    "a" * 10_240,
    "ＶＯＣｓ２０２３", "𠮷野家\U0001F525", "e\u0301\u200b",
]
PARAMETERS = ["q", "section", "sort", "page", "page_size", "fine_min", "fine_max", *FILTERS]
# The payloads' markup as a browser would run it (pages have script tags of their own).
MARKUP = ("<img src=x", "<svg/onload", "<script>alert", "onerror=alert(1)>", "<b>")


def payload_id(payload: str) -> str:
    return ascii(payload[:24]) + (f"…{len(payload)}" if len(payload) > 24 else "")


def assert_no_markup(text: str):
    for needle in MARKUP:
        assert needle not in text, needle


def assert_only_em_markup(fragment: str):
    assert "<" not in fragment.replace("<em>", "").replace("</em>", ""), fragment


def check_api(client, name: str, value: str):
    response = client.get("/api/v1/search/", {name: value})
    assert response.status_code in (200, 400), (name, response.status_code)
    assert_no_markup(response.content.decode())
    data = response.json()
    if response.status_code == 400:
        assert data["error"] == "invalid_parameter" and data["parameter"] == name and data["message"]
        return
    for result in data["results"]:
        for fragment in [result["highlight"], *result["highlights"].values()]:
            assert_only_em_markup(fragment)


def check_page(client, name: str, value: str):
    response = client.get("/search/", {name: value})
    assert response.status_code in (200, 400), (name, response.status_code)
    html = response.content.decode()
    assert_no_markup(html)
    if response.status_code == 400:
        assert "有误" in html and f"<code>{name}</code>" in html


def check_export(client, name: str, value: str):
    response = client.get("/search/export.csv", {name: value})
    assert response.status_code in (200, 400), (name, response.status_code)
    if response.status_code == 400:
        assert response["Content-Type"].startswith("text/plain") and "有误" in response.content.decode()
        return
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@"))]


def test_every_search_input_answers_cleanly(client, hostile_corpus, subtests):  # noqa: F811
    """All payloads in one test (one corpus to build); each payload is a subtest of its own."""
    for payload in PAYLOADS:
        with subtests.test(payload=payload_id(payload)):
            for name in PARAMETERS:
                check_api(client, name, payload)
                check_page(client, name, payload)
                check_export(client, name, payload)
            check_suggest_discretion_and_articles(client, payload)


def check_suggest_discretion_and_articles(client, payload: str):
    response = client.get("/api/v1/suggest/", {"q": payload})
    assert response.status_code in (200, 400)
    assert_no_markup(response.content.decode())
    if response.status_code == 400:
        assert response.json()["parameter"] == "q"
    for params in ({"article": payload}, {"violation_type": payload}, {"violation_type": "大气污染", "industry": payload}):
        response = client.get("/search/discretion/", params)
        assert response.status_code in (200, 400), params
        assert_no_markup(response.content.decode())
    response = client.get("/search/articles/", {"q": payload, "law": payload})
    assert response.status_code in (200, 400)  # control characters are refused
    assert_no_markup(response.content.decode())


ODD_TITLE = "台州某</em><em>化工&amp;有限公司\u3000“超标”排放'废气'案＜b＞"


@pytest.fixture
def odd_corpus(hostile_corpus):  # noqa: F811
    """Besides T-XSS-1: a case whose title and sections carry stray highlight tags, entities,
    quotes and full-width brackets."""
    hostile_corpus["T-ODD-1"] = create_case(
        ref="T-ODD-1", title=ODD_TITLE, city="台州市", county=None,
        basic_facts="该公司</em>超标排放<em>废气，&lt;script&gt;alert(4)&lt;/script&gt; 与 <b>粗体</b>。",
        significance="ＶＯＣｓ“无组织排放”𠮷\u200b。",
    )
    indexing.sweep()
    return hostile_corpus


def test_hostile_case_text_is_escaped_in_every_search_output(client, odd_corpus):
    data = client.get("/api/v1/search/", {"q": "超标排放"}).json()
    found = {r["ref"]: r for r in data["results"]}
    assert {"T-XSS-1", "T-ODD-1"} <= set(found)
    assert found["T-ODD-1"]["title"] == ODD_TITLE
    for result in found.values():
        for fragment in [result["highlight"], *result["highlights"].values()]:
            assert_only_em_markup(fragment)
    assert "&lt;&#x2F;em&gt;" in found["T-ODD-1"]["highlights"]["title"]  # a stray tag is text

    html = client.get("/search/", {"q": "超标排放"}).content.decode()
    assert_no_markup(html)
    assert "</em><em>化工" not in html

    exported = client.get("/search/export.csv", {"q": "超标排放"}).content.decode("utf-8-sig")
    titles = {row[0]: row[1] for row in csv.reader(io.StringIO(exported))}
    assert titles["T-XSS-1"] == XSS_TITLE and titles["T-ODD-1"] == ODD_TITLE  # CSV holds text as written

    body = client.get("/api/v1/suggest/", {"q": "杭州某化工"}).content.decode()
    assert_no_markup(body)
    # Completion inputs are cut at 50 characters (Elasticsearch's max_input_length).
    assert XSS_TITLE[:40] in " ".join(client.get("/api/v1/suggest/", {"q": "杭州某化工"}).json()["suggestions"])


def test_hostile_titles_are_escaped_on_case_discretion_and_law_pages(client, odd_corpus):
    pages = [case.url for case in odd_corpus.values()] + [
        "/search/discretion/?article=大气污染防治法@2018:108",
        "/search/discretion/?violation_type=大气污染",
        "/laws/大气污染防治法/2018-10-26/",
        "/search/articles/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = unquote(response.content.decode())
        assert_no_markup(html)
        assert "</em><em>化工" not in html, url
    discretion = client.get("/search/discretion/", {"article": "大气污染防治法@2018:108"}).content.decode()
    assert "杭州某化工&lt;img src=x onerror=alert(1)&gt;" in discretion
