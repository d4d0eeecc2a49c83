"""Building the Elasticsearch request of a search from its parameters.

Text matching: each concept (a word and its synonyms) matches the jieba-segmented
`<field>_seg` fields or, as a phrase, the character fields (which also carry
one- and two-character queries); a case must match most concepts. Quoted phrases
must appear as written. Citations in the query become a provision filter.
Selections go to the post_filter (see facets.py). Commended and provincial cases
get a small lift (`AUTHORITY_BOOSTS`), recent ones a smaller one; relevance decides.
"""
from functools import lru_cache

from nlp import segment

from . import facets
from .analysis import Concept, QueryText, analyse
from .params import SearchParams

FIELD_BOOSTS = {"title": 3.0, "basic_facts": 1.0, "handling": 1.0, "significance": 0.6}
PHRASE_WEIGHT = 0.6  # character-phrase matches relative to word matches
KEYWORD_BOOST = 2.0
VIOLATED_BOOST = 1.5
AUTHORITY_BOOSTS = ({"term": {"commended": True}}, 1.15), ({"term": {"provincial": True}}, 1.1)
RECENCY = {"origin": "now", "scale": "1825d", "offset": "365d", "decay": 0.9}
SOURCE_FIELDS = ["page_id", "ref", "url", "title", "decision_date", "province", "city", "county", "unit",
                 "violation_type", "fine", "commended"]
HIGHLIGHT_FRAGMENT = 80


def search_body(params: SearchParams, text: QueryText | None = None) -> dict:
    """The complete search request body: query, post_filter, aggregations, sort, paging, highlight."""
    text = text if text is not None else analyse(params.q)
    body = {
        "query": case_query(text, params.section),
        "aggs": facets.aggregations(params),
        "sort": sort_clause(params.sort, text),
        "from": (params.page - 1) * params.page_size,
        "size": params.page_size,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }
    if selection := facets.post_filter(params):
        body["post_filter"] = selection
    if highlight := highlight_clause(text, params.section):
        body["highlight"] = highlight
    return body


def case_query(text: QueryText, section: str | None = None) -> dict:
    """The scoring query of a text (match_all for an empty one), without facet selections."""
    if text.is_empty:
        return {"match_all": {}}
    fields = [section] if section else list(FIELD_BOOSTS)
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
    return _with_authority(query)


def concept_clause(concept: Concept, fields: list[str]) -> dict:
    """Matches any surface form of the concept: as words, as a character phrase, as a keyword."""
    should = []
    for form in concept.alternatives:
        should.append({"multi_match": {
            "query": _segmented(form), "fields": [f"{f}_seg^{FIELD_BOOSTS[f]}" for f in fields], "operator": "and",
        }})
        should.append(_phrase(form, fields, PHRASE_WEIGHT))
    should.append({"terms": {"keywords": list(concept.alternatives), "boost": KEYWORD_BOOST}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _phrase(text: str, fields: list[str], weight: float = 1.0) -> dict:
    return {"multi_match": {"query": text, "type": "phrase", "fields": [f"{f}^{FIELD_BOOSTS[f] * weight:g}" for f in fields]}}


@lru_cache(maxsize=4096)
def _segmented(form: str) -> str:
    return " ".join(segment(form)) or form


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
    """Highlighting on the character fields (the text as written), one best fragment per section."""
    forms = text.surface_forms()
    if not forms:
        return None
    fields = [section] if section else list(FIELD_BOOSTS)
    highlight_query = {"bool": {"should": [_phrase(form, fields) for form in forms]}}
    return {
        "type": "unified",
        "highlight_query": highlight_query,
        "fragment_size": HIGHLIGHT_FRAGMENT,
        "number_of_fragments": 1,
        "no_match_size": HIGHLIGHT_FRAGMENT,
        "fields": {name: {} for name in fields},
    }
