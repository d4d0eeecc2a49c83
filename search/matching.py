"""Which saved searches a case matches: alerts without Elasticsearch's percolator (the bare
server Casebase runs has no percolator module).

Each saved search runs as the search page would run it (the same `text_query` and facet
selections, so an alert names exactly the cases the page would list), restricted to the one
case by an `ids` filter: a search over a single document costs next to nothing. The searches
go in batches of `MSEARCH_BATCH` per `_msearch` round trip, identical searches once.
"""
import json
from collections.abc import Hashable, Mapping

from django.conf import settings

from . import facets
from .analysis import analyse
from .client import get_client
from .documents import alias_name
from .params import SearchParams
from .query import text_query
from .service import SearchUnavailable, elasticsearch_errors

MSEARCH_BATCH = 1000


def match_query(params: SearchParams, page_id: int) -> dict:
    """The search of `params` (the set of hits the search page counts) within case `page_id`."""
    clauses = [{"ids": {"values": [str(page_id)]}}, text_query(analyse(params.q), params.section)]
    if selection := facets.selection_filter(params):
        clauses.append(selection)
    return {"bool": {"filter": clauses}}


def matching_searches(page_id: int, searches: Mapping[Hashable, SearchParams]) -> set:
    """The keys of `searches` whose search finds case `page_id` in the index.

    Raises `SearchUnavailable` when Elasticsearch cannot answer (the caller retries later).
    """
    queries: dict[str, dict] = {}  # the distinct queries, by their JSON
    keys_by_query: dict[str, list] = {}
    for key, params in searches.items():
        query = match_query(params, page_id)
        text = json.dumps(query, ensure_ascii=False, sort_keys=True)
        queries[text] = query
        keys_by_query.setdefault(text, []).append(key)
    texts = list(queries)
    matched = set()
    if texts:
        _refresh()
    for start in range(0, len(texts), MSEARCH_BATCH):
        batch = texts[start:start + MSEARCH_BATCH]
        for text, response in zip(batch, _run([queries[t] for t in batch])):
            if response["hits"]["total"]["value"]:
                matched.update(keys_by_query[text])
    return matched


def _refresh() -> None:
    """The case was indexed moments ago: make it searchable now rather than within the refresh
    interval (publications are rare, a refresh of one small index is cheap)."""
    with elasticsearch_errors():
        get_client().indices.refresh(index=alias_name())


def _run(queries: list[dict]) -> list[dict]:
    lines = []
    for query in queries:
        lines += [{}, {"size": 0, "track_total_hits": True, "terminate_after": 1, "query": query}]
    client = get_client().options(request_timeout=settings.ELASTICSEARCH["timeout"])
    with elasticsearch_errors():
        responses = client.msearch(index=alias_name(), searches=lines)["responses"]
    failed = next((r["error"] for r in responses if "error" in r), None)
    if failed:
        raise SearchUnavailable(f"a saved search failed: {failed}")
    return responses
