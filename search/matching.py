"""Which saved searches a case matches: alerts without Elasticsearch's percolator (the bare
server Casebase runs has no percolator module).

A saved search finds a case when the case matches both halves of the search page's query: its
text (`text_query` of the words and the section) and its facet selections
(`facets.selection_filter`), so an alert names exactly the cases the page would list. The
selections (terms and ranges on keyword and number fields) are judged here against the case's
document as indexed; only searches whose selection the case passes need their text asked.
Many officers follow the same words: each distinct text is built once and sent once, as a
*named* clause of a search restricted to the one case by an `ids` filter
(`CLAUSES_PER_SEARCH` clauses per search, `SEARCHES_PER_ROUND_TRIP` searches per `_msearch`).
The case's hit lists the names of the clauses it matched (`matched_queries`); a search per
saved query would pay a search request's fixed cost ten thousand times.
"""
import json
from collections.abc import Hashable, Mapping

from django.conf import settings

from . import facets, indexing
from .analysis import analyse
from .client import get_client
from .documents import alias_name
from .params import SearchParams
from .query import text_query
from .service import SearchUnavailable, elasticsearch_errors
from .synonyms import thesaurus

# Clauses per search: well under the cluster's limit on clauses (a text query holds a few
# dozen), large enough that the per-search cost stays small.
CLAUSES_PER_SEARCH = 200
SEARCHES_PER_ROUND_TRIP = 10


class _Clauses:
    """Distinct clauses, numbered in the order first seen."""

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self.clauses: list[dict] = []

    def number(self, clause: dict, text: str | None = None) -> int:
        """The number of `clause` (whose JSON is `text`, when known)."""
        text = text or _json(clause)
        if text not in self.numbers:
            self.numbers[text] = len(self.clauses)
            self.clauses.append(clause)
        return self.numbers[text]


def matching_searches(page_id: int, searches: Mapping[Hashable, SearchParams]) -> set:
    """The keys of `searches` whose search finds case `page_id` in the index.

    Raises `SearchUnavailable` when Elasticsearch cannot answer (the caller retries later).
    """
    document = _indexed_document(page_id) if searches else None
    if document is None:
        return set()
    clauses = _Clauses()
    # Each distinct text is analysed once, each distinct selection built and judged once.
    texts: dict[tuple, int] = {}
    selections: dict[tuple, bool | int] = {}  # True / False when judged here, else a clause number
    needs: dict[Hashable, tuple[int, ...]] = {}  # key → the clauses the case must match
    for key, params in searches.items():
        selected = (tuple(sorted(params.filters.items())), params.fine_min, params.fine_max)
        if selected not in selections:
            selections[selected] = _judged_selection(facets.selection_filter(params), document, clauses)
        if selections[selected] is False:
            continue
        text = (params.q, params.section)
        if text not in texts:
            texts[text] = clauses.number(*_text_clause(params.q, params.section))
        needs[key] = (texts[text],) if selections[selected] is True else (texts[text], selections[selected])
    if not needs:
        return set()
    matched = _matched_clauses(page_id, clauses.clauses)
    return {key for key, numbers in needs.items() if matched.issuperset(numbers)}


def _indexed_document(page_id: int) -> dict | None:
    """The case's document as indexed (a real-time read), None when it is not in the index."""
    with elasticsearch_errors():
        found = get_client().options(ignore_status=404).get(index=alias_name(), id=str(page_id))
    return found["_source"] if found.get("found") else None


def _judged_selection(selection: dict | None, document: dict, clauses: _Clauses) -> bool | int:
    """Whether the case's document passes the facet selection, judged here when the selection is
    made of the `terms` and `range` filters on keyword and number fields that facets.py builds
    (Elasticsearch would compare the same values), else the number of the clause to send."""
    if selection is None:
        return True
    accepted = _accepts(selection, document)
    return clauses.number(selection) if accepted is None else accepted


def _accepts(clause: dict, document: dict) -> bool | None:
    """True / False, or None for a clause this function does not know."""
    (kind, body), = clause.items()
    if kind == "bool" and set(body) == {"filter"}:
        results = [_accepts(part, document) for part in body["filter"]]
        return False if False in results else (None if None in results else True)
    if kind == "terms" and len(body) == 1:
        (field, wanted), = body.items()
        value = document.get(field)
        values = value if isinstance(value, list) else [] if value is None else [value]
        return not {str(v) for v in values}.isdisjoint(str(w) for w in wanted)
    if kind == "range" and len(body) == 1:
        (field, bounds), = body.items()
        value = document.get(field)
        if set(bounds) - {"gte", "lte"} or not isinstance(value, (int, float)):
            return None if set(bounds) - {"gte", "lte"} else False
        return bounds.get("gte", value) <= value <= bounds.get("lte", value)
    return None


def _json(clause: dict) -> str:
    return json.dumps(clause, ensure_ascii=False, sort_keys=True)


# The text clauses of earlier matches (with their JSON): the worker matches every new case against
# the same saved searches, and analysing hundreds of texts anew would cost seconds each time.
# Dropped when the synonyms are read again (search.synonyms reloads them every few minutes).
_text_cache: dict = {"thesaurus": None, "clauses": {}}
TEXT_CACHE_SIZE = 50_000


def _text_clause(q: str, section: str | None) -> tuple[dict, str]:
    current = thesaurus()
    cached = _text_cache["clauses"]
    if _text_cache["thesaurus"] is not current or len(cached) > TEXT_CACHE_SIZE:
        cached.clear()
        _text_cache["thesaurus"] = current
    if (q, section) not in cached:
        clause = text_query(analyse(q), section)
        cached[(q, section)] = (clause, _json(clause))
    return cached[(q, section)]


def _matched_clauses(page_id: int, clauses: list[dict]) -> set[int]:
    # The case was indexed moments ago: searchable now rather than within the refresh interval
    # (publications are rare, a refresh of one small index is cheap).
    with elasticsearch_errors():
        indexing.refresh()
    bodies = [_named_search(page_id, clauses, start) for start in range(0, len(clauses), CLAUSES_PER_SEARCH)]
    matched = set()
    for start in range(0, len(bodies), SEARCHES_PER_ROUND_TRIP):
        matched.update(_run(bodies[start:start + SEARCHES_PER_ROUND_TRIP]))
    return matched


def _named_search(page_id: int, clauses: list[dict], start: int) -> dict:
    """A search of case `page_id` whose clauses are `clauses[start:…]`, each named by its number."""
    named = [{"bool": {"filter": [clause], "_name": str(number)}}
             for number, clause in enumerate(clauses[start:start + CLAUSES_PER_SEARCH], start)]
    query = {"bool": {"filter": [{"ids": {"values": [str(page_id)]}}], "should": named, "minimum_should_match": 1}}
    return {"query": query, "size": 1, "_source": False, "track_total_hits": False}


def _run(bodies: list[dict]) -> list[int]:
    """The numbers of the named clauses the case matched in `bodies`, one `_msearch`."""
    lines = [line for body in bodies for line in ({}, body)]
    client = get_client().options(request_timeout=settings.ELASTICSEARCH["timeout"])
    with elasticsearch_errors():
        responses = client.msearch(index=alias_name(), searches=lines)["responses"]
    failed = next((r["error"] for r in responses if "error" in r), None)
    if failed:
        raise SearchUnavailable(f"a saved search failed: {failed}")
    return [int(name) for response in responses for hit in response["hits"]["hits"] for name in hit.get("matched_queries", [])]
