"""Running searches: the only place that sends search requests to Elasticsearch.

Every function raises `SearchUnavailable` when the cluster is down, slow (over
`settings.SEARCH_TIMEOUT`) or answers with an error, so callers can show
"检索服务暂时不可用" instead of failing.
"""
import logging
from contextlib import contextmanager

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError

from . import facets
from .analysis import analyse
from .client import get_client
from .documents import alias_name
from .params import SearchParams
from .query import counts_body, hit_count, search_body
from .results import SearchResult, search_result

logger = logging.getLogger(__name__)
EXPORT_LIMIT = 1000
SUGGESTION_COUNT = 8
SUGGEST_PREFIX_LENGTH = 50


class SearchUnavailable(Exception):
    """Elasticsearch could not answer in time."""


@contextmanager
def elasticsearch_errors():
    """Turns any transport or API error of the block into `SearchUnavailable`."""
    try:
        yield
    except (TransportError, ApiError) as exc:
        logger.warning("search unavailable: %s", exc)
        raise SearchUnavailable(str(exc)) from exc


def _client():
    return get_client().options(request_timeout=settings.SEARCH_TIMEOUT)


def search_cases(params: SearchParams) -> SearchResult:
    """One page of published cases matching `params`, with facet counts."""
    text = analyse(params.q)
    timeout = f"{int(settings.SEARCH_TIMEOUT * 1000)}ms"
    searches = [{}, {**search_body(params, text), "timeout": timeout}, {}, {**counts_body(params, text), "timeout": timeout}]
    # One round trip; Elasticsearch runs the two searches side by side.
    with elasticsearch_errors():
        hits, counts = _client().msearch(index=alias_name(), searches=searches)["responses"]
    for response in (hits, counts):
        if "error" in response:
            logger.warning("search failed: %s", response["error"])
            raise SearchUnavailable(str(response["error"]))
    facet_counts = facets.facet_counts(counts["aggregations"], params)
    return search_result(hits, params, facet_counts, count=hit_count(counts))


def export_cases(params: SearchParams) -> list[dict]:
    """Up to EXPORT_LIMIT results of `params` from the first, in the chosen order (no facets)."""
    body = search_body(params.with_page(1, EXPORT_LIMIT))
    with elasticsearch_errors():
        response = _client().search(index=alias_name(), body=body)
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
        response = _client().search(index=alias_name(), body=body)
    names = [option["text"] for name in SUGGESTION_FIELDS for option in response["suggest"][name][0]["options"]]
    return list(dict.fromkeys(names))[:SUGGESTION_COUNT]
