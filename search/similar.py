"""Near-duplicates of a case being written: which cases already tell (nearly) the same story.

Two steps, both on what the engine has:
1. Candidates: a `more_like_this` query whose `like` is an artificial document (the case's
   jieba-segmented fields, never written to any index), plus its violated provisions, over the
   published index.
2. Score: one measure for every candidate, published or not (a city's own drafts are compared
   by the caller with the same `score`): the cosine of the two cases' TF-IDF vectors, with the
   document frequencies read from the index (one `termvectors` call on an artificial document),
   scaled by the share of violated provisions when both cases give some. A case scores 1.0
   against itself, so one threshold serves every case, long or short.

Plain data in and out (no Django models): the caller (casebase/review/duplicates.py) builds
`CaseText`s from pages and filters the page ids it may show. See docs/duplicates.md.
"""
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from nlp import segment

from .analysis import stopwords
from .documents import TEXT_FIELDS, alias_name
from .service import elasticsearch_errors, search_client

# Calibrated on the real cases with benchmarks/near_duplicates.py (figures in docs/duplicates.md).
THRESHOLD = 0.5
CANDIDATES = 20  # published cases the more_like_this step hands to scoring
# When both cases name violated provisions and share none, their text score counts this much.
NO_SHARED_PROVISION_WEIGHT = 0.6
_VERSION = re.compile(r"@[^:]*")
_MEANINGLESS = re.compile(r"^[\W\d_]+$")  # punctuation and bare numbers (dates, amounts)


def provision_article(key: str) -> str:
    """大气污染防治法@2018:72 → 大气污染防治法:72: a draft citing the version in force on its own
    date shares the article with a case decided under the earlier version."""
    return _VERSION.sub("", key)


@dataclass(frozen=True)
class CaseText:
    """What the check reads of a case: its segmented text fields and violated article keys."""

    tokens: dict[str, tuple[str, ...]]  # field name (title, sections) → jieba tokens
    violated: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_texts(cls, texts: dict[str, str], violated=()) -> "CaseText":
        return cls({name: tuple(segment(texts.get(name) or "")) for name in TEXT_FIELDS}, _articles(violated))

    @classmethod
    def from_source(cls, source: dict) -> "CaseText":
        """From an index document's `_source` (its `<field>_seg` values)."""
        tokens = {name: tuple((source.get(f"{name}_seg") or "").split()) for name in TEXT_FIELDS}
        return cls(tokens, _articles(source.get("violated") or ()))

    @cached_property
    def terms(self) -> Counter:
        """Term counts over the whole case, without stop words, punctuation and bare numbers:
        a changed date or amount format must not make a copy look different."""
        words = stopwords()
        return Counter(t for tokens in self.tokens.values() for t in tokens if t not in words and not _MEANINGLESS.match(t))

    @property
    def is_empty(self) -> bool:
        return not self.terms


def _articles(keys) -> frozenset[str]:
    return frozenset(provision_article(key) for key in keys)


@dataclass(frozen=True)
class Similarity:
    key: object  # the candidate's key as given (a page id)
    score: float  # 0…1, compared with THRESHOLD
    text_score: float
    shared_provisions: tuple[str, ...]

    @property
    def is_near_duplicate(self) -> bool:
        return self.score >= THRESHOLD


def published_candidates(case: CaseText, exclude_ids=(), size: int = CANDIDATES, index: str | None = None) -> dict[int, CaseText]:
    """Published cases most like `case` (page id → CaseText), at most `size`. Raises
    `SearchUnavailable` when Elasticsearch cannot answer."""
    if case.is_empty:
        return {}
    with elasticsearch_errors():
        response = search_client().search(
            index=index or alias_name(), query=candidates_query(case, exclude_ids), size=size,
            _source=["page_id", "violated", *(f"{name}_seg" for name in TEXT_FIELDS)],
        )
    return {int(hit["_id"]): CaseText.from_source(hit["_source"]) for hit in response["hits"]["hits"]}


def candidates_query(case: CaseText, exclude_ids=()) -> dict:
    like = {"doc": {f"{name}_seg": " ".join(case.tokens.get(name, ())) for name in TEXT_FIELDS}}
    similar = {"more_like_this": {
        "fields": [f"{name}_seg" for name in TEXT_FIELDS], "like": [like],
        # A rare word (the party's name, a place) counts most for a copy: keep terms seen once.
        "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 60, "minimum_should_match": "10%",
    }}
    return {"bool": {"must": [similar], "must_not": [{"ids": {"values": [str(i) for i in exclude_ids]}}]}}


def score(case: CaseText, candidates: dict, index: str | None = None) -> list[Similarity]:
    """Each candidate's similarity to `case`, highest first. Raises `SearchUnavailable`."""
    if case.is_empty or not candidates:
        return []
    frequencies, total = document_frequencies({t for c in [case, *candidates.values()] for t in c.terms}, index)
    vector = _tfidf(case.terms, frequencies, total)
    results = [_similarity(key, case, other, vector, _tfidf(other.terms, frequencies, total)) for key, other in candidates.items()]
    return sorted(results, key=lambda s: s.score, reverse=True)


def _similarity(key, case: CaseText, other: CaseText, vector: dict, other_vector: dict) -> Similarity:
    text = _cosine(vector, other_vector)
    shared = case.violated & other.violated
    weight = 1.0 if shared or not (case.violated and other.violated) else NO_SHARED_PROVISION_WEIGHT
    return Similarity(key, round(text * weight, 4), round(text, 4), tuple(sorted(shared)))


def document_frequencies(terms: set[str], index: str | None = None) -> tuple[dict[str, int], int]:
    """How many indexed cases hold each term (in their sections), and how many cases there are:
    one `termvectors` request on an artificial document made of the terms."""
    if not terms:
        return {}, 0
    with elasticsearch_errors():
        response = search_client().termvectors(
            index=index or alias_name(), doc={"body_seg": " ".join(sorted(terms))}, fields=["body_seg"],
            term_statistics=True, field_statistics=True, positions=False, offsets=False, payloads=False,
        )
    vectors = response.get("term_vectors", {}).get("body_seg")
    if not vectors:
        return {}, 0
    frequencies = {term: stats.get("doc_freq", 0) for term, stats in vectors["terms"].items()}
    return frequencies, vectors["field_statistics"]["doc_count"]


def _tfidf(terms: Counter, frequencies: dict[str, int], total: int) -> dict[str, float]:
    # Sublinear term frequency and smoothed idf (as scikit-learn's TfidfVectorizer defaults).
    return {t: (1 + math.log(n)) * (math.log((total + 1) / (frequencies.get(t, 0) + 1)) + 1) for t, n in terms.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(weight * b[t] for t, weight in a.items() if t in b)
    norms = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norms if norms else 0.0

