"""Building the Elasticsearch request of a search from its parameters.

Text matching: each concept (a word and its synonyms) matches the jieba-segmented
`<field>_seg` fields or, as a phrase, the character fields (which also carry
one- and two-character queries), or a case's labels (violation types, measures, keywords).
Two tiers: a case that matches every concept gets `FULL_MATCH_BONUS` and ranks above every
case that matches only part of the query (the recall tier: half the concepts, rounded up,
each whole, by half its parts or by most of its character bigrams). Quoted phrases must
appear as written.
Citations in the query become a provision filter.
Selections filter the hits; the facet counts come from a second request (see
`counts_body` and facets.py). Commended and provincial cases
get a small lift (`AUTHORITY_BOOSTS`), recent ones a smaller one; relevance decides.
Ranked by relevance, the candidates come first (`candidate_query`), then the score
(`rescore_clause`): see `RESCORE_WINDOW`.
"""
import re
from functools import lru_cache

from nlp import segment

from . import facets
from .analysis import Concept, QueryText, analyse
from .documents import BODY_FIELD, SECTION_FIELDS, TEXT_FIELDS, alias_name
from .params import SearchParams

# Searching the whole case: the title and all sections together (see documents.BODY_FIELD).
FIELD_BOOSTS = {"title": 3.0, BODY_FIELD: 1.0}
PHRASE_WEIGHT = 0.6  # character-phrase matches relative to word matches
KEYWORD_BOOST = 2.0
LABEL_FIELDS = ("keywords", "violation_type", "violation_subtype", "measure")
# Added after authority and recency: larger than any text score, so full matches come first
# while the order within each tier stays that of relevance.
FULL_MATCH_BONUS = 1000.0
PARTIAL_REQUIRED = "-50%"  # of the concepts, rounded up: one of two, two of three or four
BIGRAM_WEIGHT = 0.3  # a concept found only by its character bigrams, relative to a whole match
BIGRAMS_REQUIRED = "2<-1"  # all of two bigrams, all but one of more
VIOLATED_BOOST = 1.5
AUTHORITY_BOOSTS = ({"term": {"commended": True}}, 1.15), ({"term": {"provincial": True}}, 1.1)
RECENCY = {"origin": "now", "scale": "1825d", "offset": "365d", "decay": 0.9}
# Ranked by relevance, only this many candidates are scored: the cases that match every concept
# before the others, newest first (`candidate_query`). Choosing them costs no scoring, and
# Elasticsearch stops as soon as it has them; the full score (`case_query`) then orders them.
# A common word matches most of a million cases, and their scores were the cost of a search
# (hundreds of milliseconds, whatever an upper bound could skip: thousands of cases tie on
# the best score). Below this many hits of the best tier, every hit is scored, as before.
RESCORE_WINDOW = 5000
SOURCE_FIELDS = ["page_id", "ref", "url", "title", "decision_date", "province", "city", "county", "unit",
                 "violation_type", "fine", "commended"]
HIGHLIGHT_FRAGMENT = 80
_CHINESE = re.compile(r"[\u4e00-\u9fff]+")


def search_body(params: SearchParams, text: QueryText | None = None) -> dict:
    """The request for one page of hits: scoring query with the selections, sort, paging, highlight.

    It does not count the hits (see `counts_body`): without an exact total, Elasticsearch
    can skip documents that cannot make the page.
    """
    text = text if text is not None else analyse(params.q)
    ranked = is_ranked(params.sort, text)
    # Ranked by relevance, the query proper chooses the candidates (see `RESCORE_WINDOW`).
    query = candidate_query(text, params.section) if ranked else case_query(text, params.section, authority=False)
    # The facet counts come from `counts_body`, so the selections can narrow the query itself
    # (not a post_filter): Elasticsearch then skips unselected cases instead of scoring them.
    if selection := facets.selection_filter(params):
        query = {"bool": {"must": [query], "filter": [selection]}}
    start = (params.page - 1) * params.page_size
    body = {
        "query": query,
        "from": start,
        "size": params.page_size,
        "track_total_hits": False,
        "_source": SOURCE_FIELDS,
    }
    if ranked:
        body["rescore"] = rescore_clause(text, params.section, start + params.page_size)
    else:
        body["sort"] = sort_clause(params.sort)
    if highlight := highlight_clause(text, params.section):
        body["highlight"] = highlight
    return body


def counts_body(params: SearchParams, text: QueryText | None = None, limit: int = 0) -> dict:
    """The request for the number of hits and the facet counts, sent beside `search_body`.

    The query runs as a filter (no scores), and the body does not depend on the page or
    the sort, so Elasticsearch's request cache answers it again when a user pages or re-sorts.
    With a `limit`, Elasticsearch stops counting after that many hits (`terminated_early` in
    the response): the newest ones, as the index is sorted by date. A common word matches most
    of a million cases; counting them all would cost more than finding the best.
    """
    text = text if text is not None else analyse(params.q)
    body = {
        "size": 0,
        "query": {"bool": {"filter": [text_query(text, params.section)]}},
        "aggs": facets.aggregations(params),
        "track_total_hits": True,
    }
    # Without a text every case matches: Elasticsearch counts them off the index (and often the
    # facet values too), and browsing stayed fast at a million cases. A limit would only cut the
    # facet counts short while the total stayed exact.
    if limit and not text.is_empty:
        body["terminate_after"] = limit
    return body


def hit_count(counts: dict) -> int:
    """The number of hits of the selection, from the response to `counts_body` (of the hits
    counted, when it stopped early)."""
    selected = facets.selected_count(counts["aggregations"])
    return counts["hits"]["total"]["value"] if selected is None else selected


def is_ranked(sort: str, text: QueryText) -> bool:
    """Whether the hits are ordered by score (else by date or fine: `sort_clause`)."""
    return sort not in ("-date", "-fine") and not text.is_empty


def rescore_clause(text: QueryText, section: str | None, first_hits: int) -> dict:
    """The full score (`case_query`) of the first `RESCORE_WINDOW` candidates, at least `first_hits`.

    The window's order is then that of the full score, ties broken by the candidates' order
    (the index order, newest first: documents.INDEX_SETTINGS); Elasticsearch allows no
    other sort beside a rescore.
    """
    return {"window_size": max(RESCORE_WINDOW, first_hits),
            "query": {"rescore_query": case_query(text, section), "query_weight": 0, "rescore_query_weight": 1}}


def candidate_query(text: QueryText, section: str | None = None) -> dict:
    """The hits of `text_query`, unscored: those that match every concept (`_full_match`) first,
    each tier newest first. Once it holds a window of the best tier, Elasticsearch skips the
    rest, as no other case can score higher."""
    hits = text_query(text, section)
    if full_match := _full_match(text, section):
        return {"bool": {"filter": [hits], "should": [full_match]}}
    return {"constant_score": {"filter": hits}}


def case_query(text: QueryText, section: str | None = None, authority: bool = True) -> dict:
    """The scoring query of a text: `text_query` lifted by authority and recency (unless not
    `authority`), and the cases that match every concept lifted above the others."""
    if text.is_empty:  # sorted by date: nothing to score
        return {"match_all": {}}
    query = text_query(text, section)
    if authority:
        query = _with_authority(query)
    if full_match := _full_match(text, section):
        return {"bool": {"must": [query], "should": [full_match]}}
    return query


def _full_match(text: QueryText, section: str | None) -> dict | None:
    """`FULL_MATCH_BONUS` for the cases that match every concept whole, when the text has two
    tiers (else every hit matches the whole query: nothing to lift)."""
    fields = _fields(section)
    if not text.concepts or (len(text.concepts) == 1 and not _partial(text.concepts[0], fields)):
        return None
    every_concept = [concept_clause(c, fields) for c in text.concepts]
    return {"constant_score": {"filter": {"bool": {"filter": every_concept}}, "boost": FULL_MATCH_BONUS}}


def text_query(text: QueryText, section: str | None = None) -> dict:
    """What a case must match (match_all for an empty text), without facet selections:
    every quoted phrase, the provisions cited, and the recall tier of the concepts."""
    if text.is_empty:
        return {"match_all": {}}
    fields = _fields(section)
    must = [_phrase(p, fields) for p in text.phrases]
    filters, should = [], []
    if text.concepts:
        must.append(_some_of(text.concepts, fields))
    if text.citations:
        keys = [key for c in text.citations for key in c.article_keys]
        filters.append({"terms": {"provision": keys}})
        should.append({"terms": {"violated": keys, "boost": VIOLATED_BOOST}})
    return {"bool": {"must": must, "filter": filters, "should": should}}


def _fields(section: str | None) -> dict[str, float]:
    return {section: 1.0} if section else FIELD_BOOSTS


def concept_clause(concept: Concept, fields: dict[str, float]) -> dict:
    """Matches any surface form of the concept: as words, as a character phrase, as a label;
    or all of its parts.

    `fields` maps the text fields searched to their boosts.
    """
    should = []
    for form in concept.alternatives:
        words = _segmented(form)
        if words == (form,):
            should.append({"multi_match": {"query": form, "fields": _boosted(fields, "_seg")}})
        should.append(_phrase(form, fields, PHRASE_WEIGHT if words == (form,) else 1.0))
    if BODY_FIELD in fields:  # the whole case, labels too; a search within one section reads that section only
        alternatives = list(concept.alternatives)
        should.extend({"terms": {name: alternatives, "boost": KEYWORD_BOOST}} for name in LABEL_FIELDS)
    if concept.parts:
        should.append({"bool": {"must": [concept_clause(part, fields) for part in concept.parts]}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _whole_or_part(concept: Concept, fields: dict[str, float]) -> dict:
    """The concept, or part of it: half its parts (第三方 of 第三方弄虚作假), or else (weaker)
    most character bigrams of a word that the thesaurus does not know (含铬镀废水 finds
    含铬电镀废水; 水污染防治法 does not find 大气污染防治法)."""
    whole = concept_clause(concept, fields)
    if partial := _partial(concept, fields):
        return {"bool": {"should": [whole, partial], "minimum_should_match": 1}}
    return whole


def _partial(concept: Concept, fields: dict[str, float]) -> dict | None:
    """What finds part of the concept, if anything can (see `_whole_or_part`)."""
    if concept.parts:  # one level down only: 数据 alone is no part of 自动监测数据造假
        parts = [concept_clause(part, fields) for part in concept.parts]
        return {"bool": {"should": parts, "minimum_should_match": PARTIAL_REQUIRED}}
    if len(concept.alternatives) == 1 and (bigrams := _bigrams(concept.alternatives[0])):
        return {"bool": {"should": [_phrase(b, fields, BIGRAM_WEIGHT) for b in bigrams],
                         "minimum_should_match": BIGRAMS_REQUIRED}}
    return None


def _some_of(concepts: tuple[Concept, ...], fields: dict[str, float]) -> dict:
    """The recall tier: half the concepts (rounded up), each whole or in part."""
    return {"bool": {"should": [_whole_or_part(c, fields) for c in concepts], "minimum_should_match": PARTIAL_REQUIRED}}


def _bigrams(form: str) -> list[str]:
    """The character bigrams of a Chinese word of three or more characters."""
    if len(form) < 3 or not _CHINESE.fullmatch(form):
        return []
    return list(dict.fromkeys(form[i:i + 2] for i in range(len(form) - 1)))


def _phrase(text: str, fields: dict[str, float], weight: float = 1.0) -> dict:
    return {"multi_match": {"query": text, "type": "phrase", "fields": _boosted(fields, weight=weight)}}


def _boosted(fields: dict[str, float], suffix: str = "", weight: float = 1.0) -> list[str]:
    return [f"{name}{suffix}^{boost * weight:g}" for name, boost in fields.items()]


@lru_cache(maxsize=4096)
def _segmented(form: str) -> tuple[str, ...]:
    return tuple(segment(form)) or (form,)


def _with_authority(query: dict) -> dict:
    functions = [{"filter": f, "weight": w} for f, w in AUTHORITY_BOOSTS]
    functions.append({"gauss": {"decision_date": RECENCY}, "weight": 1})
    return {"function_score": {"query": query, "functions": functions, "score_mode": "multiply", "boost_mode": "multiply"}}


def sort_clause(sort: str) -> list:
    """The order of hits not ranked by relevance (`is_ranked`): by fine, else newest first."""
    newest = {"decision_date": {"order": "desc"}}
    if sort == "-fine":
        return [{"fine": {"order": "desc", "missing": "_last"}}, newest, {"page_id": "asc"}]
    return [newest, {"page_id": "desc"}]


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


def related_query(page_id: int) -> dict:
    """Cases like the indexed case `page_id`: more-like-this on its segmented text, plus the
    provisions and violation types it shares (read from its own document by terms lookups)."""
    like = {"_index": alias_name(), "_id": str(page_id)}
    return {"bool": {
        "should": [
            {"more_like_this": {
                "fields": [f"{name}_seg" for name in ["title", *SECTION_FIELDS]], "like": [like],
                "min_term_freq": 1, "min_doc_freq": 2, "max_doc_freq": 200, "max_query_terms": 40,
                "minimum_should_match": "20%", "boost": 1.0,
            }},
            {"terms": {"violated": {"index": alias_name(), "id": str(page_id), "path": "violated"}, "boost": 3.0}},
            {"terms": {"provision": {"index": alias_name(), "id": str(page_id), "path": "provision"}, "boost": 1.0}},
            {"terms": {"violation_subtype": {"index": alias_name(), "id": str(page_id), "path": "violation_subtype"}, "boost": 1.0}},
            {"terms": {"violation_type": {"index": alias_name(), "id": str(page_id), "path": "violation_type"}, "boost": 1.5}},
        ],
        "must_not": [{"ids": {"values": [str(page_id)]}}],
        "minimum_should_match": 1,
    }}
