"""Running searches: the only place that sends the searches of pages and the API to
Elasticsearch (`evaluation.py` runs its offline baselines itself).

Every function raises `SearchUnavailable` when the cluster is down, slow (over
`settings.SEARCH_TIMEOUT`) or answers with an error, so callers can show
"检索服务暂时不可用" instead of failing.
"""
import logging
from contextlib import contextmanager

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError

from casebase.cases.models import CasePage

from . import breaker, facets
from .analysis import analyse
from .client import get_client
from .documents import alias_name
from .params import SearchParams
from .query import counts_body, hit_count, related_query, search_body
from .results import SearchResult, search_result

logger = logging.getLogger(__name__)
EXPORT_LIMIT = 1000
SUGGESTION_COUNT = 8
SUGGEST_PREFIX_LENGTH = 50


class SearchUnavailable(Exception):
    """Elasticsearch could not answer in time."""


@contextmanager
def elasticsearch_errors():
    """Turns any transport or API error of the block into `SearchUnavailable`; fails at once
    while the cluster is remembered as failing (`breaker`)."""
    if breaker.is_open():
        raise SearchUnavailable("Elasticsearch failed moments ago; not asked again yet")
    try:
        yield
    except (TransportError, ApiError) as exc:
        breaker.record_failure(exc)
        logger.warning("search unavailable: %s", exc)
        raise SearchUnavailable(str(exc)) from exc


def search_client(timeout: float | None = None):
    """The client for calls made while a page or API request waits: the short search timeout
    (`settings.SEARCH_TIMEOUT`), or `timeout` seconds."""
    return get_client().options(request_timeout=timeout or settings.SEARCH_TIMEOUT)


def _published_ids(ids) -> set[int]:
    """Those of the case ids (index document ids) that are published now."""
    return set(CasePage.objects.published().filter(pk__in=[int(i) for i in ids]).values_list("pk", flat=True))


def _published_hits(response: dict) -> dict:
    """`response` without the hits of cases that are no longer published: the index follows a
    withdrawal or unpublication a moment later (after the commit, or at the next sweep when
    Elasticsearch was down), the public never sees the case in between."""
    hits = response["hits"]["hits"]
    published = _published_ids(hit["_id"] for hit in hits)
    response["hits"]["hits"] = [hit for hit in hits if int(hit["_id"]) in published]
    return response


def search_cases(params: SearchParams) -> SearchResult:
    """One page of published cases matching `params`, with facet counts: of the first
    `settings.SEARCH_COUNT_LIMIT` hits only, when there are more (`counts_body`)."""
    text = analyse(params.q)
    timeout = f"{int(settings.SEARCH_TIMEOUT * 1000)}ms"
    counts_request = counts_body(params, text, limit=settings.SEARCH_COUNT_LIMIT)
    searches = [{}, {**search_body(params, text), "timeout": timeout}, {}, {**counts_request, "timeout": timeout}]
    # One round trip; Elasticsearch runs the two searches side by side.
    with elasticsearch_errors():
        hits, counts = search_client().msearch(index=alias_name(), searches=searches)["responses"]
    for response in (hits, counts):
        if "error" in response:
            logger.warning("search failed: %s", response["error"])
            raise SearchUnavailable(str(response["error"]))
    facet_counts = facets.facet_counts(counts["aggregations"], params)
    return search_result(_published_hits(hits), params, facet_counts, count=hit_count(counts),
                         count_is_lower_bound=counts.get("terminated_early", False))


def export_cases(params: SearchParams) -> list[dict]:
    """Up to EXPORT_LIMIT results of `params` from the first, in the chosen order (no facets)."""
    body = search_body(params.with_page(1, EXPORT_LIMIT))
    with elasticsearch_errors():
        response = search_client().search(index=alias_name(), body=body)
    response = _published_hits(response)
    return search_result(response, params, {}, count=len(response["hits"]["hits"])).results


SUGGESTION_FIELDS = ("suggest_type", "suggest_law", "suggest")  # in the order they are offered


def suggest(prefix: str) -> list[str]:
    """Autocomplete: violation types, law names and case titles starting with `prefix`, in that order."""
    if not prefix.strip():
        return []
    completion = {"size": SUGGESTION_COUNT, "skip_duplicates": True}
    body = {"_source": False, "suggest": {
        name: {"prefix": prefix[:SUGGEST_PREFIX_LENGTH], "completion": {"field": name, **completion}} for name in SUGGESTION_FIELDS
    }}
    with elasticsearch_errors():
        response = search_client().search(index=alias_name(), body=body)
    options = {name: response["suggest"][name][0]["options"] for name in SUGGESTION_FIELDS}
    # Titles name one case each: only a published case's title may be offered.
    published = _published_ids(option["_id"] for option in options["suggest"])
    options["suggest"] = [option for option in options["suggest"] if int(option["_id"]) in published]
    names = [option["text"] for name in SUGGESTION_FIELDS for option in options[name]]
    return list(dict.fromkeys(names))[:SUGGESTION_COUNT]


def similar_case_ids(page_id: int, size: int) -> list[int]:
    """Ids of up to `size` indexed cases like case `page_id`, most similar first. An extra on a
    case page: it waits `settings.SEARCH_EXTRAS_TIMEOUT` at most."""
    with elasticsearch_errors():
        response = search_client(settings.SEARCH_EXTRAS_TIMEOUT).search(
            index=alias_name(), query=related_query(page_id), size=size, _source=["page_id"]
        )
    return [hit["_source"]["page_id"] for hit in response["hits"]["hits"]]
