"""Shaping Elasticsearch responses into what callers get: the contract's result dicts (§5)."""
from dataclasses import dataclass, field

from casebase.cases.sections import SECTION_NAMES, SECTIONS, TITLE_LABEL

from .documents import TEXT_FIELDS
from .params import SearchParams

SECTION_LABELS = {"title": TITLE_LABEL, **dict(SECTIONS)}
_SECTION_ORDER = (*SECTION_NAMES, "title")


@dataclass
class SearchResult:
    """One page of results. `results` items hold the contract fields (ref, url, title, score,
    highlight, decision_date) plus optional ones (region, unit, fine, violation_type, commended,
    highlights: section → fragment)."""

    count: int
    page: int
    page_size: int
    results: list[dict]
    facets: dict[str, list[dict]] = field(default_factory=dict)
    # Counted up to `settings.SEARCH_EXACT_COUNT_LIMIT` hits (`query.counts_body`): `count` and
    # the facet counts are those of the newest hits, and there are more.
    count_is_lower_bound: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    def as_contract(self) -> dict:
        """CONTRACTS §5; `count_is_lower_bound: true` is added when there are more hits than counted."""
        contract = {"count": self.count, "page": self.page, "results": self.results, "facets": self.facets}
        if self.count_is_lower_bound:
            contract["count_is_lower_bound"] = True
        return contract


def result_item(hit: dict) -> dict:
    source = hit["_source"]
    highlights = _section_highlights(hit.get("highlight", {}))
    return {
        "ref": source["ref"],
        "url": source["url"],
        "title": source["title"],
        "score": round(hit["_score"], 4) if hit.get("_score") is not None else None,
        "highlight": _best_highlight(highlights),
        "decision_date": source["decision_date"],
        "region": "".join(p for p in (source.get("province"), source.get("city"), source.get("county")) if p),
        "unit": source.get("unit"),
        "fine": source.get("fine"),
        "violation_type": source.get("violation_type", []),
        "commended": source.get("commended", False),
        "highlights": highlights,
    }


def _section_highlights(highlight: dict) -> dict[str, str]:
    # Characters are marked one by one (<em>超</em><em>标</em>): join the marks of a match.
    return {name: highlight[name][0].replace("</em><em>", "") for name in TEXT_FIELDS if highlight.get(name)}


def _best_highlight(highlights: dict[str, str]) -> str:
    """The first section (in reading order) with a match, else the opening of the facts."""
    for name in _SECTION_ORDER:
        if "<em>" in highlights.get(name, ""):
            return highlights[name]
    return highlights.get("basic_facts", "")


def search_result(response: dict, params: SearchParams, facet_counts: dict, count: int,
                  count_is_lower_bound: bool = False) -> SearchResult:
    """`response` holds the page of hits; `count` is the number of all hits (of those counted,
    if `count_is_lower_bound`)."""
    return SearchResult(
        count=count,
        page=params.page,
        page_size=params.page_size,
        results=[result_item(hit) for hit in response["hits"]["hits"]],
        facets=facet_counts,
        count_is_lower_bound=count_is_lower_bound,
    )
