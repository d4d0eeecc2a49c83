"""Unit tests of search/query.py: the request bodies built from parsed parameters, without
sending them (the HTTP tests beside these send them to the real index)."""
import json
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from search import facets
from search.params import parse_params
from search.query import FULL_MATCH_BONUS, SOURCE_FIELDS, counts_body, related_query, search_body

pytestmark = pytest.mark.django_db  # the query analysis reads the synonym groups and the laws


def params(**values):
    return parse_params(QueryDict(urlencode(values, doseq=True)))


def test_an_empty_query_matches_every_case_newest_first_one_page_at_a_time():
    body = search_body(params(page=3, page_size=10))
    assert body["query"] == {"match_all": {}}
    assert body["sort"][0] == {"decision_date": {"order": "desc"}}
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is False and body["_source"] == SOURCE_FIELDS
    assert "highlight" not in body


def test_selections_narrow_the_scoring_query_itself_not_a_post_filter():
    body = search_body(params(q="偷排废水", violation_type="水污染", province="浙江省"))
    assert "post_filter" not in body
    selection = body["query"]["bool"]["filter"][0]["bool"]["filter"]
    assert {"terms": {"violation_type": ["水污染"]}} in selection
    assert {"terms": {"province": ["浙江省"]}} in selection


def test_a_query_of_several_concepts_lifts_the_cases_that_match_all_of_them():
    body = search_body(params(q="偷排 废水 暗管"))
    for query in (body["query"], body["rescore"]["query"]["rescore_query"]):
        tiers = query["bool"]["should"]
        assert tiers[0]["constant_score"]["boost"] == FULL_MATCH_BONUS


def test_ranked_by_relevance_the_candidates_are_chosen_without_scoring_the_text():
    # Only the tier bonus scores the first pass, so Elasticsearch can stop once it holds a
    # window of full matches; the text is scored in the rescore.
    one_tier = search_body(params(q="扬尘"))["query"]
    assert list(one_tier) == ["constant_score"]
    two_tiers = search_body(params(q="偷排 废水"))["query"]["bool"]
    assert set(two_tiers) == {"filter", "should"}
    assert [list(clause) for clause in two_tiers["should"]] == [["constant_score"]]


def test_a_section_restricts_the_text_fields_searched():
    query = json.dumps(search_body(params(q="偷排废水", section="handling"))["query"], ensure_ascii=False)
    assert "handling" in query
    assert not any(name in query for name in ("basic_facts", "significance", '"title', "body"))


@pytest.mark.parametrize(("sort", "first"), [
    ("-fine", {"fine": {"order": "desc", "missing": "_last"}}),
    ("-date", {"decision_date": {"order": "desc"}}),
])
def test_each_sort_orders_by_its_key_first(sort, first):
    body = search_body(params(q="偷排废水", sort=sort))
    assert body["sort"][0] == first and "rescore" not in body


def test_relevance_rescores_the_first_hits_instead_of_sorting():
    # Elasticsearch allows no sort beside a rescore: relevance is the score, lifted on the top hits.
    body = search_body(params(q="偷排废水", sort="relevance", page=2))
    assert "sort" not in body
    assert body["rescore"]["window_size"] >= body["from"] + body["size"]


def test_the_counts_request_scores_nothing_counts_exactly_and_ignores_page_and_sort():
    first = counts_body(params(q="偷排废水", violation_type="水污染"))
    later = counts_body(params(q="偷排废水", violation_type="水污染", page=4, sort="-fine"))
    assert first == later
    assert first["size"] == 0 and first["track_total_hits"] is True
    assert list(first["query"]["bool"]) == ["filter"]
    assert set(first["aggs"]) == {facets.SELECTED, "violation_type"}


def test_related_cases_read_their_terms_from_the_case_document_and_never_return_it():
    query = related_query(42)["bool"]
    assert query["must_not"] == [{"ids": {"values": ["42"]}}]
    lookups = [clause["terms"] for clause in query["should"] if "terms" in clause]
    assert lookups and all(next(v for v in lookup.values() if isinstance(v, dict))["id"] == "42" for lookup in lookups)
