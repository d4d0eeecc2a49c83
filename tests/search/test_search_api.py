"""GET /api/v1/search/ as CONTRACTS §5: shape, query understanding, facets, sorting, paging, errors."""
import pytest

from tests.search.conftest import XSS_TITLE

pytestmark = pytest.mark.django_db


def api(client, **params):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def refs(data) -> list[str]:
    return [r["ref"] for r in data["results"]]


def test_response_has_exactly_the_contract_shape(client, corpus):
    data = api(client, q="挥发性有机物")
    assert set(data) == {"count", "page", "results", "facets"}
    assert data["count"] == 2 and data["page"] == 1
    first = data["results"][0]
    assert {"ref", "url", "title", "score", "highlight", "decision_date"} <= set(first)
    assert first["url"].startswith("/cases/") and isinstance(first["score"], float)
    assert "<em>挥发性有机物</em>" in first["highlight"] or "<em>" in first["highlight"]
    assert data["facets"]["violation_type"] == [{"value": "大气污染", "count": 2}]


def test_synonyms_are_expanded_at_query_time(client, corpus):
    # VOCs ⇄ 挥发性有机物: each spelling finds the case written with the other.
    assert set(refs(api(client, q="VOCs"))) == {"T-AIR-1", "T-AIR-2"}
    assert set(refs(api(client, q="挥发性有机物"))) == {"T-AIR-1", "T-AIR-2"}
    # 偷排 ⇄ 私设暗管 ⇄ 逃避监管
    assert refs(api(client, q="偷排")) == ["T-PIPE-1"]


def test_full_width_letters_and_book_title_marks_are_normalised(client, corpus):
    assert set(refs(api(client, q="ＶＯＣｓ"))) == {"T-AIR-1", "T-AIR-2"}
    assert refs(api(client, q="《水污染防治法》 暗管")) == ["T-PIPE-1"]


def test_a_citation_query_becomes_a_provision_filter(client, corpus):
    assert refs(api(client, q="大气法第七十二条")) == ["T-DUST-1"]
    assert refs(api(client, q="《水污染防治法》第39条")) == ["T-PIPE-1"]
    # A cited article nobody violated or applied finds nothing, even though the law matches.
    assert api(client, q="大气法第九十九条")["count"] == 0


def test_one_and_two_character_queries_and_quoted_phrases(client, corpus):
    assert refs(api(client, q="铬")) == ["T-PIPE-1"]
    assert refs(api(client, q="扬尘")) == ["T-DUST-1"]
    assert refs(api(client, q='"露天堆放"')) == ["T-DUST-1"]
    assert api(client, q='"堆放露天"')["count"] == 0


def test_search_within_one_section(client, corpus):
    assert refs(api(client, q="移送公安", section="significance")) == ["T-PIPE-1"]
    assert api(client, q="移送公安", section="basic_facts")["count"] == 0
    highlighted = api(client, q="暗管", section="basic_facts")["results"][0]
    assert set(highlighted["highlights"]) == {"basic_facts"} and "<em>暗管</em>" in highlighted["highlight"]


def test_selecting_a_facet_value_keeps_the_other_values_counts(client, corpus):
    data = api(client, province="浙江省")
    assert data["count"] == 3
    assert {f["value"]: f["count"] for f in data["facets"]["province"]} == {"浙江省": 3, "云南省": 1}
    both = api(client, province=["浙江省", "云南省"], violation_type="大气污染")
    assert set(refs(both)) == {"T-AIR-1", "T-AIR-2", "T-DUST-1"}
    assert {f["value"]: f["count"] for f in both["facets"]["violation_type"]} == {"大气污染": 3, "逃避监管排污": 1, "水污染": 1}


def test_facets_carry_trees_and_labels(client, corpus):
    facets = api(client)["facets"]
    industries = {f["value"]: f for f in facets["industry"]}
    assert industries["C26"]["parent"] == "C" and industries["C26"]["label"] == "化学原料和化学制品制造业"
    article = next(f for f in facets["article"] if f["value"] == "大气污染防治法@2018:72")
    assert article["label"] == "大气污染防治法（2018年版）第七十二条" and article["parent"] == "中华人民共和国大气污染防治法"
    assert {"value": "温州市", "count": 2, "parent": "浙江省"} in facets["city"]
    fines = {f["value"]: f["count"] for f in facets["fine"]}
    assert fines["100000-500000"] == 1 and fines["500000-1000000"] == 1 and fines["10000-50000"] == 1


def test_filters_by_industry_level_law_article_year_measure_and_fine(client, corpus):
    assert set(refs(api(client, industry="C"))) == {"T-AIR-1", "T-PIPE-1", "T-DUST-1", "T-AIR-2"}
    assert refs(api(client, industry="C33")) == ["T-PIPE-1"]
    assert refs(api(client, law="中华人民共和国水污染防治法")) == ["T-PIPE-1"]
    assert refs(api(client, article="大气污染防治法@2018:117")) == ["T-DUST-1"]
    assert refs(api(client, year="2022")) == ["T-DUST-1"]
    assert refs(api(client, measure="移送公安")) == ["T-PIPE-1"]
    assert set(refs(api(client, fine_min="50000", fine_max="150000"))) == {"T-AIR-1", "T-AIR-2"}


def test_sorting_and_paging(client, corpus):
    assert refs(api(client, sort="-fine")) == ["T-PIPE-1", "T-AIR-1", "T-AIR-2", "T-DUST-1"]
    assert refs(api(client, sort="-date")) == ["T-AIR-1", "T-PIPE-1", "T-DUST-1", "T-AIR-2"]
    second = api(client, sort="-date", page=2, page_size=3)
    assert second["page"] == 2 and second["count"] == 4 and refs(second) == ["T-AIR-2"]


def test_commended_provincial_and_recent_cases_are_lifted_but_relevance_decides(client, corpus):
    # Both VOCs cases match; the commended one comes first.
    assert refs(api(client, q="VOCs"))[0] == "T-AIR-1"
    # A provincial case that only mentions a word once does not beat the case about it.
    assert refs(api(client, q="暗管 废水"))[0] == "T-PIPE-1"


@pytest.mark.parametrize("params, name", [
    ({"page": "0"}, "page"), ({"page": "abc"}, "page"), ({"page": "1001", "page_size": "20"}, "page"),
    ({"page_size": "101"}, "page_size"), ({"page_size": "-1"}, "page_size"), ({"sort": "title"}, "sort"),
    ({"year": "20x4"}, "year"), ({"fine_min": "lots"}, "fine_min"), ({"fine_min": "-5"}, "fine_min"),
    ({"fine_min": "nan"}, "fine_min"), ({"fine_min": "10", "fine_max": "5"}, "fine_max"),
    ({"article": "第七十二条"}, "article"), ({"industry": "化工"}, "industry"), ({"section": "all"}, "section"),
    ({"article": "大气污染防治法@2018:99999999999999999"}, "article"), ({"article": "x@0000:0"}, "article"),
    ({"article": "大气污染防治法@2018:72-99999999999999999"}, "article"), ({"q": "扬尘\x00"}, "q"),
    ({"violation_type": "\x1f"}, "violation_type"), ({"page": "9" * 30}, "page"), ({"fine_max": "1e400"}, "fine_max"),
])
def test_invalid_parameters_get_400_naming_the_parameter(client, search_index, params, name):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameter" and body["parameter"] == name and body["message"]


def assert_only_em_markup(fragment: str):
    """Highlight fragments are HTML in which only Elasticsearch's <em> marks are tags."""
    assert "<" not in fragment.replace("<em>", "").replace("</em>", ""), fragment


@pytest.mark.parametrize("q, finds_the_hostile_case", [
    ('"unterminated (AND OR NOT) {[}] ~ ^ * ? \\ / : ! - + && ||', False),
    ("title:* OR _id:1 {\"script\": \"ctx._source\"}", False),
    ("'; DROP TABLE wagtailcore_page; --", False),
    ("<script>alert(1)</script>", True),
    ("超标排放", True),
    ("onerror=alert 化工", True),
    ("扬尘" * 500, False),
    ("a" * 1000, False),
    ("大气法第" + "一" * 300 + "条", False),
])
def test_hostile_and_long_queries_never_fail(client, hostile_corpus, q, finds_the_hostile_case):
    data = api(client, q=q)
    assert isinstance(data["count"], int)
    if finds_the_hostile_case:
        assert "T-XSS-1" in refs(data)
    for result in data["results"]:
        assert_only_em_markup(result["highlight"])
        for fragment in result["highlights"].values():
            assert_only_em_markup(fragment)


def test_highlights_escape_the_case_text(client, hostile_corpus):
    [result] = [r for r in api(client, q="超标排放")["results"] if r["ref"] == "T-XSS-1"]
    assert result["title"] == XSS_TITLE  # a plain-text field: the text as written
    assert result["highlights"]["title"] == (
        "杭州某化工&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;&#x2F;script&gt;有限公司<em>超标排放</em>废气案")
    assert "&lt;script&gt;alert(2)" in result["highlights"]["basic_facts"]
    assert "&amp;lt;" not in result["highlights"]["basic_facts"]  # escaped once, not twice


def test_api_json_carries_no_markup_bytes(client, hostile_corpus):
    body = client.get("/api/v1/search/", {"q": "超标排放"}).content.decode()
    assert "<img" not in body and "<script" not in body and "<em>" not in body
    assert "\\u003cem\\u003e" in body


def test_only_published_cases_are_found(client, corpus):
    from tests.factories import create_case

    from search import indexing

    create_case(ref="T-DRAFT-1", title="杭州某印染厂私设暗管草稿案", publish=False)
    indexing.sweep()
    assert refs(api(client, q="私设暗管")) == ["T-PIPE-1"]


@pytest.mark.parametrize("q", ["\x1f", "扬尘\x00", "\x7f"])
def test_suggestions_refuse_control_characters_as_the_clients_error(client, corpus, q):
    response = client.get("/api/v1/suggest/", {"q": q})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_parameter", "parameter": "q", "message": "含有不可见的控制字符"}


def test_suggestions_offer_violation_types_laws_and_titles(client, corpus):
    names = client.get("/api/v1/suggest/", {"q": "大气"}).json()["suggestions"]
    assert names[:2] == ["大气污染", "大气污染防治法"]
    assert "温州某电镀有限公司私设暗管排放含铬废水案" in client.get("/api/v1/suggest/", {"q": "温州某电镀"}).json()["suggestions"]


def test_openapi_document_describes_the_contract(client):
    document = client.get("/api/v1/schema/").json()
    operation = document["paths"]["/api/v1/search/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "violation_type", "industry", "law", "article", "province", "city", "year", "measure",
            "fine_min", "fine_max", "page", "page_size", "sort"} <= names
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["count", "page", "results", "facets"]
    assert set(operation["responses"]) == {"200", "400", "503"}


def test_synonyms_added_by_an_administrator_apply_without_reindexing(client, corpus):
    from search.models import SynonymGroup

    assert api(client, q="六价铬")["count"] == 0
    SynonymGroup.objects.create(terms="六价铬、含铬废水")
    assert refs(api(client, q="六价铬")) == ["T-PIPE-1"]
