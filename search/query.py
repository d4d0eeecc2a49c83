"""Building the Elasticsearch request of a search from its parameters.

Text matching: each concept (a word and its synonyms) matches the jieba-segmented
`<field>_seg` fields or, as a phrase, the character fields (which also carry
one- and two-character queries); a case must match most concepts. Quoted phrases
must appear as written. Citations in the query become a provision filter.
Selections filter the hits; the facet counts come from a second request (see
`counts_body` and facets.py). Commended and provincial cases
get a small lift (`AUTHORITY_BOOSTS`), recent ones a smaller one; relevance decides.
"""
from functools import lru_cache

from nlp import segment

from . import facets
from .analysis import Concept, QueryText, analyse
from .documents import BODY_FIELD, TEXT_FIELDS
from .params import SearchParams

# Searching the whole case: the title and all sections together (see documents.BODY_FIELD).
FIELD_BOOSTS = {"title": 3.0, BODY_FIELD: 1.0}
PHRASE_WEIGHT = 0.6  # character-phrase matches relative to word matches
KEYWORD_BOOST = 2.0
VIOLATED_BOOST = 1.5
AUTHORITY_BOOSTS = ({"term": {"commended": True}}, 1.15), ({"term": {"provincial": True}}, 1.1)
RECENCY = {"origin": "now", "scale": "1825d", "offset": "365d", "decay": 0.9}
SOURCE_FIELDS = ["page_id", "ref", "url", "title", "decision_date", "province", "city", "county", "unit",
                 "violation_type", "fine", "commended"]
HIGHLIGHT_FRAGMENT = 80


def search_body(params: SearchParams, text: QueryText | None = None) -> dict:
    """The request for one page of hits: scoring query with the selections, sort, paging, highlight.

    It does not count the hits (see `counts_body`): without an exact total, Elasticsearch
    can skip documents that cannot make the page.
    """
    text = text if text is not None else analyse(params.q)
    query = case_query(text, params.section)
    # The facet counts come from `counts_body`, so the selections can narrow the query itself
    # (not a post_filter): Elasticsearch then skips unselected cases instead of scoring them.
    if selection := facets.selection_filter(params):
        query = {"bool": {"must": [query], "filter": [selection]}}
    body = {
        "query": query,
        "sort": sort_clause(params.sort, text),
        "from": (params.page - 1) * params.page_size,
        "size": params.page_size,
        "track_total_hits": False,
        "_source": SOURCE_FIELDS,
    }
    if highlight := highlight_clause(text, params.section):
        body["highlight"] = highlight
    return body


def counts_body(params: SearchParams, text: QueryText | None = None) -> dict:
    """The request for the number of hits and the facet counts, sent beside `search_body`.

    The query runs as a filter (no scores), and the body does not depend on the page or
    the sort, so Elasticsearch's request cache answers it again when a user pages or re-sorts.
    """
    text = text if text is not None else analyse(params.q)
    return {
        "size": 0,
        "query": {"bool": {"filter": [text_query(text, params.section)]}},
        "aggs": facets.aggregations(params),
        "track_total_hits": True,
    }


def hit_count(counts: dict) -> int:
    """The number of hits of the selection, from the response to `counts_body`."""
    selected = facets.selected_count(counts["aggregations"])
    return counts["hits"]["total"]["value"] if selected is None else selected


def case_query(text: QueryText, section: str | None = None) -> dict:
    """The scoring query of a text: `text_query` lifted by authority and recency."""
    if text.is_empty:  # sorted by date: nothing to score
        return {"match_all": {}}
    return _with_authority(text_query(text, section))


def text_query(text: QueryText, section: str | None = None) -> dict:
    """What a case must match (match_all for an empty text), without facet selections."""
    if text.is_empty:
        return {"match_all": {}}
    fields = {section: 1.0} if section else FIELD_BOOSTS
    must = [_phrase(p, fields) for p in text.phrases]
    filters, should = [], []
    if text.concepts:
        should = [concept_clause(c, fields) for c in text.concepts]
    if text.citations:
        keys = [key for c in text.citations for key in c.article_keys]
        filters.append({"terms": {"provision": keys}})
        should.append({"terms": {"violated": keys, "boost": VIOLATED_BOOST}})
    query = {"bool": {"must": must, "filter": filters, "should": should}}
    if text.concepts:
        query["bool"]["minimum_should_match"] = _required(len(text.concepts))
    return query


def concept_clause(concept: Concept, fields: dict[str, float]) -> dict:
    """Matches any surface form of the concept: as words, as a character phrase, as a keyword.

    `fields` maps the text fields searched to their boosts.
    """
    should = []
    for form in concept.alternatives:
        words = _segmented(form)
        if words == (form,):
            should.append({"multi_match": {"query": form, "fields": _boosted(fields, "_seg")}})
        should.append(_phrase(form, fields, PHRASE_WEIGHT if words == (form,) else 1.0))
    should.append({"terms": {"keywords": list(concept.alternatives), "boost": KEYWORD_BOOST}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _phrase(text: str, fields: dict[str, float], weight: float = 1.0) -> dict:
    return {"multi_match": {"query": text, "type": "phrase", "fields": _boosted(fields, weight=weight)}}


def _boosted(fields: dict[str, float], suffix: str = "", weight: float = 1.0) -> list[str]:
    return [f"{name}{suffix}^{boost * weight:g}" for name, boost in fields.items()]


@lru_cache(maxsize=4096)
def _segmented(form: str) -> tuple[str, ...]:
    return tuple(segment(form)) or (form,)


def _required(concepts: int) -> str | int:
    """All of one or two concepts; otherwise most of them (long queries say more than any case)."""
    return concepts if concepts <= 2 else "2<70%"


def _with_authority(query: dict) -> dict:
    functions = [{"filter": f, "weight": w} for f, w in AUTHORITY_BOOSTS]
    functions.append({"gauss": {"decision_date": RECENCY}, "weight": 1})
    return {"function_score": {"query": query, "functions": functions, "score_mode": "multiply", "boost_mode": "multiply"}}


def sort_clause(sort: str, text: QueryText) -> list:
    newest = {"decision_date": {"order": "desc"}}
    if sort == "-fine":
        return [{"fine": {"order": "desc", "missing": "_last"}}, newest, {"page_id": "asc"}]
    if sort == "-date" or text.is_empty:
        return [newest, {"page_id": "desc"}]
    return ["_score", newest, {"page_id": "desc"}]


def highlight_clause(text: QueryText, section: str | None) -> dict | None:
    """Highlighting on the character fields (the text as written), one best fragment per section.

    The highlight query matches each form as consecutive characters with `intervals`: a phrase
    query would run on the hidden bigram field (`index_phrases`), which has no text to mark.
    """
    forms = text.surface_forms()
    if not forms:
        return None
    fields = [section] if section else TEXT_FIELDS
    return {
        "type": "unified",
        # Fragments are HTML: Elasticsearch escapes the case text (<, >, &, quotes) and adds only
        # its own <em> marks, so pages may print them as they are.
        "encoder": "html",
        "fragment_size": HIGHLIGHT_FRAGMENT,
        "number_of_fragments": 1,
        "no_match_size": HIGHLIGHT_FRAGMENT,
        # A query per field: each field runs only the clauses that can mark it.
        "fields": {name: {"highlight_query": _consecutive(forms, name)} for name in fields},
    }


def _consecutive(forms: list[str], field: str) -> dict:
    """Any of `forms` as consecutive characters of `field`."""
    clauses = [{"intervals": {field: {"match": {"query": form, "max_gaps": 0, "ordered": True}}}} for form in forms]
    return {"bool": {"should": clauses}}
