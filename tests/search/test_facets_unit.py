"""Unit tests of search/facets.py: the aggregations asked for and how their answer becomes the
contract's facet lists, without Elasticsearch (the HTTP tests beside these ask it)."""
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from casebase.cases.fines import FINE_BANDS
from casebase.precedents.discretion import fine_reference
from search import facets
from search.params import parse_params


def params(**values):
    return parse_params(QueryDict(urlencode(values, doseq=True)))


def test_without_selections_every_facet_aggregates_the_hits_directly():
    aggs = facets.aggregations(params())
    assert set(aggs) == {f.name for f in facets.TERM_FACETS} | {facets.FINE_FACET}
    assert facets.selected_count({"violation_type": {}}) is None


def test_a_selected_facet_counts_under_the_other_selections_only():
    aggs = facets.aggregations(params(violation_type="水污染", province="浙江省"))
    assert aggs[facets.SELECTED]["filter"]["bool"]["filter"] == [
        {"terms": {"violation_type": ["水污染"]}}, {"terms": {"province": ["浙江省"]}},
    ]
    assert "violation_type" not in aggs[facets.SELECTED]["aggs"] and "measure" in aggs[facets.SELECTED]["aggs"]
    assert aggs["violation_type"]["filter"]["bool"]["filter"] == [{"terms": {"province": ["浙江省"]}}]
    assert aggs["province"]["filter"]["bool"]["filter"] == [{"terms": {"violation_type": ["水污染"]}}]


def test_a_fine_selection_is_a_range_filter():
    filters = facets.selection_filters(params(fine_min="10000", fine_max="49999.99"))
    assert filters[facets.FINE_FACET] == {"range": {"fine": {"gte": 10000, "lte": 49999.99}}}


@pytest.mark.parametrize("band", FINE_BANDS, ids=lambda band: band.value)
def test_each_fine_band_stands_for_its_bounds(band):
    low, high = facets.fine_range_bounds(band.value)
    assert low == band.low and (high is None if band.high is None else high == band.high - 0.01)


def test_an_unknown_fine_band_is_refused():
    with pytest.raises(KeyError):
        facets.fine_range_bounds("1-2")


def test_the_discretion_histogram_counts_in_the_facet_bands():
    class Case:
        def __init__(self, fine):
            self.fine_yuan = fine

    reference = fine_reference([Case(5_000), Case(10_000), Case(150_000), Case(2_000_000), Case(None)])
    assert [label for label, _, _ in reference.histogram] == [band.label for band in FINE_BANDS]
    assert [count for _, count, _ in reference.histogram] == [1, 1, 0, 1, 0, 1]


@pytest.mark.django_db
def test_a_selected_value_without_hits_is_listed_with_zero_and_fine_bands_carry_their_labels():
    buckets = {name: {"buckets": []} for name in (f.name for f in facets.TERM_FACETS)}
    buckets["measure"] = {"buckets": [{"key": "罚款", "doc_count": 3}]}
    buckets[facets.FINE_FACET] = {"buckets": [{"key": band.value, "doc_count": 1} for band in FINE_BANDS]}
    counts = facets.facet_counts(buckets, params(measure=["罚款", "查封扣押"]))
    assert counts["measure"] == [{"value": "罚款", "count": 3}, {"value": "查封扣押", "count": 0}]
    assert [item["label"] for item in counts[facets.FINE_FACET]] == [band.label for band in FINE_BANDS]


def test_an_article_key_reads_as_its_law_version_and_article():
    assert facets.article_label("大气污染防治法@2018:72") == "大气污染防治法（2018年版）第七十二条"
