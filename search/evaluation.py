"""Measured relevance: nDCG@10 of Casebase's search and of Wagtail's database backend (as the
admin uses it, with the jieba-segmented text) over the judged queries in
`fixtures/search_judgements.jsonl` (`{"query": …, "relevance": {ref: grade 0–3}}`)."""
import json
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict

from .indexing import searchable_cases
from .params import parse_params
from .service import search_cases

JUDGEMENTS = Path(settings.BASE_DIR) / "fixtures" / "search_judgements.jsonl"
CUTOFF = 10


@dataclass(frozen=True)
class Judgement:
    query: str
    relevance: dict[str, int]


def load_judgements(path: Path = JUDGEMENTS) -> list[Judgement]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Judgement(row["query"], row["relevance"]) for row in map(json.loads, filter(str.strip, lines))]


def ndcg(ranked_refs: list[str], relevance: dict[str, int], cutoff: int = CUTOFF) -> float:
    """Normalised discounted cumulative gain with gains 2^grade − 1."""
    def dcg(grades):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:cutoff]))

    ideal = dcg(sorted(relevance.values(), reverse=True))
    return dcg([relevance.get(ref, 0) for ref in ranked_refs]) / ideal if ideal else 0.0


def casebase_ranking(query: str) -> list[str]:
    params = parse_params(QueryDict(urlencode({"q": query, "page_size": CUTOFF})))
    return [item["ref"] for item in search_cases(params).results]


def _searchable_pages():
    from casebase.cases.models import CasePage

    return CasePage.objects.filter(pk__in=list(searchable_cases().values_list("pk", flat=True)))


def admin_ranking(query: str) -> list[str]:
    """Wagtail's admin page search (its own query parsing, the configured backend:
    the database backend with segmented queries, search/admin_backend.py)."""
    from wagtail.admin.views.pages.search import page_filter_search

    pages, _ = page_filter_search(query, _searchable_pages())
    return [page.ref for page in pages[:CUTOFF]]


def stock_database_ranking(query: str) -> list[str]:
    """Wagtail's stock database backend, query as typed (full-text `search`, not the admin's
    title-only autocomplete, which finds nothing in Chinese)."""
    from modelsearch.backends.database import SearchBackend

    return [case.ref for case in SearchBackend({}).search(query, _searchable_pages())[:CUTOFF]]


def evaluate(rankers: dict, judgements: list[Judgement]) -> dict[str, list[float]]:
    """nDCG@10 of each ranker (name → function(query) → refs) for each judged query, in order."""
    return {name: [ndcg(rank(j.query), j.relevance) for j in judgements] for name, rank in rankers.items()}
