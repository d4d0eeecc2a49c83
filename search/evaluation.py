"""Measured relevance: nDCG@10 and the mean number of hits of Casebase's search, of a plain BM25
baseline and of Wagtail's database backend, over judged query sets.

A judged set is a file of judged queries and the corpus they were judged against (a file of
cases, CONTRACTS §4): the own set (`fixtures/search_judgements.jsonl`, over the demo cases) and
the real set (`shared/data/real_cases/queries.jsonl`, over the 60 real cases). Both corpora live
in the one index of an installation (`load_demo_data` loads both); each set is evaluated over its
own corpus: every search runs with a filter on the refs of that corpus. A filter does not change
the scores (the index statistics are those of the whole index), it only keeps out the cases that
nobody judged for these queries. Within its corpus an unjudged case counts as irrelevant.

Judgement lines: `{"query"|"q": …, "relevance"|"relevant": {ref: grade}, "params": {…}}`;
`params` are search parameters (a facet selection such as `{"province": "广东省"}`).
"""
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict

from nlp import normalize, segment

from casebase.cases.models import CasePage

from .analysis import analyse
from .client import get_client
from .documents import BODY_FIELD, alias_name
from .facets import selection_filter
from .indexing import searchable_cases
from .params import SearchParams, parse_params
from .query import search_body

JUDGEMENTS = Path(settings.BASE_DIR) / "fixtures" / "search_judgements.jsonl"
DEMO_CASES = Path(settings.BASE_DIR) / "casebase" / "cases" / "demo" / "published.jsonl"
REAL_CASES_DIR = Path(settings.SHARED_DIR) / "data" / "real_cases"
CUTOFF = 10


@dataclass(frozen=True)
class Judgement:
    query: str
    relevance: dict[str, int]
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class JudgedSet:
    """Judged queries and the file of the cases they were judged against."""

    name: str
    judgements: Path
    cases: Path

    def corpus_refs(self) -> list[str]:
        return [row["ref"] for row in _json_lines(self.cases)]


JUDGED_SETS = (
    JudgedSet("自有评测集（演示案例）", JUDGEMENTS, DEMO_CASES),
    JudgedSet("真实案例评测集", REAL_CASES_DIR / "queries.jsonl", REAL_CASES_DIR / "cases.jsonl"),
)


@dataclass(frozen=True)
class Ranking:
    refs: list[str]  # the first CUTOFF hits, best first
    hits: int  # how many cases the search found in all


def _json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_judgements(path: Path = JUDGEMENTS) -> list[Judgement]:
    return [
        Judgement(row.get("query", row.get("q")), row.get("relevance", row.get("relevant")), row.get("params", {}))
        for row in _json_lines(path)
    ]


def ndcg(ranked_refs: list[str], relevance: dict[str, int], cutoff: int = CUTOFF) -> float:
    """Normalised discounted cumulative gain with gains 2^grade − 1."""
    def dcg(grades):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:cutoff]))

    ideal = dcg(sorted(relevance.values(), reverse=True))
    return dcg([relevance.get(ref, 0) for ref in ranked_refs]) / ideal if ideal else 0.0


def search_params(judgement: Judgement) -> SearchParams:
    return parse_params(QueryDict(urlencode({"q": judgement.query, **judgement.params, "page_size": CUTOFF})))


def _ranked(query: dict, corpus: list[str], sort=None, rescore=None) -> Ranking:
    """The first hits and the number of hits of `query` (ordered by `sort` or `rescore`) within the corpus."""
    scoped = {"bool": {"must": [query], "filter": [{"terms": {"ref": corpus}}]}}
    body = {"query": scoped, "size": CUTOFF, "_source": ["ref"], "track_total_hits": True}
    if sort:
        body["sort"] = sort
    if rescore:
        body["rescore"] = rescore
    response = get_client().search(index=alias_name(), body=body)
    return Ranking([hit["_source"]["ref"] for hit in response["hits"]["hits"]], response["hits"]["total"]["value"])


def casebase_ranking(judgement: Judgement, corpus: list[str]) -> Ranking:
    """Casebase's own request (`query.search_body`: scoring, selections, sort) within the corpus."""
    params = search_params(judgement)
    body = search_body(params, analyse(params.q))
    return _ranked(body["query"], corpus, body.get("sort"), body.get("rescore"))


def baseline_query(q: str) -> dict:
    """Plain BM25: one query of the jieba tokens, any of them (OR), no synonyms, phrases or
    boosts; BM25F over the segmented title and body together (`combined_fields`), the strongest
    of the plain variants we tried (a `match` on the body alone, or per-field sums, score lower)."""
    words = " ".join(segment(normalize(q)))
    return {"combined_fields": {"query": words, "fields": ["title_seg", f"{BODY_FIELD}_seg"], "operator": "or"}}


def baseline_ranking(judgement: Judgement, corpus: list[str]) -> Ranking:
    """The BM25 baseline, with the judgement's selections as filters (as Casebase gets them)."""
    query = baseline_query(judgement.query)
    if selection := selection_filter(search_params(judgement)):
        query = {"bool": {"must": [query], "filter": [selection]}}
    return _ranked(query, corpus)


def _searchable_pages(judgement: Judgement, corpus: list[str]):
    # Filtered by primary key: the search backend filters only on declared FilterFields.
    cases = searchable_cases().filter(ref__in=corpus)
    if province := judgement.params.get("province"):
        cases = cases.filter(province__name=province)
    return CasePage.objects.filter(pk__in=list(cases.values_list("pk", flat=True)))


def admin_ranking(judgement: Judgement, corpus: list[str]) -> Ranking:
    """Wagtail's admin page search (its own query parsing, the configured backend:
    the database backend with segmented queries, search/admin_backend.py)."""
    from wagtail.admin.views.pages.search import page_filter_search

    pages, _ = page_filter_search(judgement.query, _searchable_pages(judgement, corpus))
    return Ranking([page.ref for page in pages[:CUTOFF]], len(pages))


def stock_database_ranking(judgement: Judgement, corpus: list[str]) -> Ranking:
    """Wagtail's stock database backend, query as typed (full-text `search`, not the admin's
    title-only autocomplete, which finds nothing in Chinese)."""
    from modelsearch.backends.database import SearchBackend

    results = SearchBackend({}).search(judgement.query, _searchable_pages(judgement, corpus))
    return Ranking([case.ref for case in results[:CUTOFF]], len(results))


RANKERS = {
    "Casebase": casebase_ranking,
    "BM25 基线（结巴分词，任一词命中）": baseline_ranking,
    "Wagtail 数据库检索（后台，分词查询）": admin_ranking,
    "Wagtail 数据库检索（原样查询）": stock_database_ranking,
}


@dataclass(frozen=True)
class Scores:
    ndcg: list[float]  # per judged query, in order
    hits: list[int]


def indexed_refs(refs: list[str]) -> set[str]:
    """Which of `refs` the case index holds."""
    response = get_client().search(index=alias_name(), body={
        "query": {"terms": {"ref": refs}}, "size": len(refs), "_source": ["ref"],
    })
    return {hit["_source"]["ref"] for hit in response["hits"]["hits"]}


def evaluate(rankers: dict, judgements: list[Judgement], corpus: list[str]) -> dict[str, Scores]:
    """nDCG@10 and hits of each ranker (name → function(judgement, corpus) → Ranking), per query."""
    scores = {}
    for name, rank in rankers.items():
        rankings = [rank(j, corpus) for j in judgements]
        scores[name] = Scores([ndcg(r.refs, j.relevance) for r, j in zip(rankings, judgements)], [r.hits for r in rankings])
    return scores
