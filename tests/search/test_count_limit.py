"""Counting stops at settings.SEARCH_COUNT_LIMIT hits (query.counts_body): a common word matches
most of a million cases. The API says so with `count_is_lower_bound`, the page with "超过 N 件"."""
import pytest

pytestmark = pytest.mark.django_db

COMMON = "排放"  # found in three of the four cases of the corpus


def api(client, **params):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_every_hit_is_counted_below_the_limit(client, corpus, settings):
    settings.SEARCH_COUNT_LIMIT = 5
    data = api(client, q=COMMON)
    assert data["count"] == 3 and "count_is_lower_bound" not in data
    assert "检索结果：共 3 件" in client.get("/search/", {"q": COMMON}).content.decode()


def test_counting_stops_at_the_limit_and_says_there_are_more(client, corpus, settings):
    settings.SEARCH_COUNT_LIMIT = 2
    data = api(client, q=COMMON)
    assert data["count"] == 2 and data["count_is_lower_bound"] is True
    # The facets count the same cases: the newest (the index is sorted by date, newest first).
    assert sum(item["count"] for item in data["facets"]["year"]) == 2
    # The page of hits is not limited: every case is found and ranked.
    assert len(api(client, q=COMMON, page_size=10)["results"]) == 3
    html = client.get("/search/", {"q": COMMON}).content.decode()
    assert "检索结果：超过 2 件" in html and "只统计了其中最新的 2 件" in html


def test_a_narrow_query_is_counted_exactly_under_a_small_limit(client, corpus, settings):
    settings.SEARCH_COUNT_LIMIT = 2
    data = api(client, q="扬尘")
    assert data["count"] == 1 and "count_is_lower_bound" not in data


def test_no_limit_counts_everything(client, corpus, settings):
    settings.SEARCH_COUNT_LIMIT = 0
    data = api(client, q=COMMON)
    assert data["count"] == 3 and "count_is_lower_bound" not in data


def test_browsing_without_a_text_counts_every_case(client, corpus, settings):
    settings.SEARCH_COUNT_LIMIT = 2
    data = api(client)
    assert data["count"] == 4 and "count_is_lower_bound" not in data
    assert sum(item["count"] for item in data["facets"]["year"]) == 4
