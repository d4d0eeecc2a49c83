"""Facets: the filters a search can be narrowed by, and their counts.

Every selected filter narrows the hits (`selection_filter`); each facet's
aggregation is filtered by all the *other* selections, so choosing a value keeps
the counts of its siblings (multi-select). `facet_counts` turns the aggregations into the
contract's `{"value", "count"}` lists, with an optional `label` and `parent`
(industry tree, law → article, province → city).
"""
from dataclasses import dataclass, field

from casebase.cases.fines import FINE_BANDS
from casebase.laws.models import Law, split_article_key
from casebase.laws.numbering import article_label as numbered
from casebase.taxonomy.models import Division, Industry

from .params import SearchParams


@dataclass(frozen=True)
class Facet:
    name: str  # the request parameter
    field: str  # the index field
    label: str
    size: int = 30
    order: dict = field(default_factory=lambda: {"_count": "desc"})


TERM_FACETS = (
    Facet("violation_type", "violation_type", "违法类型"),
    Facet("industry", "industry_path", "行业", size=120),
    Facet("law", "law", "法律法规"),
    Facet("article", "provision", "条款", size=60),
    Facet("province", "province", "省份", size=40),
    Facet("city", "city", "地市", size=60),
    Facet("year", "year", "年份", order={"_key": "desc"}),
    Facet("measure", "measure", "处理措施"),
)
FINE_FACET = "fine"
FINE_RANGES = FINE_BANDS  # (value, label, from inclusive, to exclusive) in yuan
FACET_LABELS = {**{f.name: f.label for f in TERM_FACETS}, FINE_FACET: "罚款金额"}


def selection_filters(params: SearchParams) -> dict[str, dict]:
    """The filter clause of each facet with a selection, keyed by facet name."""
    clauses = {
        f.name: {"terms": {f.field: list(params.selected(f.name))}} for f in TERM_FACETS if params.selected(f.name)
    }
    if params.fine_min is not None or params.fine_max is not None:
        bounds = {k: v for k, v in (("gte", params.fine_min), ("lte", params.fine_max)) if v is not None}
        clauses[FINE_FACET] = {"range": {"fine": bounds}}
    return clauses


def selection_filter(params: SearchParams) -> dict | None:
    clauses = list(selection_filters(params).values())
    return {"bool": {"filter": clauses}} if clauses else None


SELECTED = "selected"  # the aggregation within all selections (see `aggregations`)


def aggregations(params: SearchParams) -> dict:
    """One aggregation per facet, each narrowed by the selections of the other facets only.

    The facets without a selection of their own are all narrowed by every selection, so they
    share one filter bucket, `SELECTED`, whose doc_count is also the number of hits; only a
    facet with a selection needs a filter of its own. Without any selection the facets
    aggregate the hits directly (a filter costs a pass over every hit).
    """
    selections = selection_filters(params)
    values = _value_aggregations()
    if not selections:
        return values
    aggs = {SELECTED: {"filter": _all_of(selections.values()),
                       "aggs": {name: agg for name, agg in values.items() if name not in selections}}}
    for name in selections:
        others = [clause for other, clause in selections.items() if other != name]
        aggs[name] = {"filter": _all_of(others), "aggs": {"values": values[name]}} if others else values[name]
    return aggs


def _value_aggregations() -> dict:
    aggs = {f.name: {"terms": {"field": f.field, "size": f.size, "order": f.order}} for f in TERM_FACETS}
    ranges = [{"key": value, "from": low, **({"to": high} if high else {})} for value, _, low, high in FINE_RANGES]
    aggs[FINE_FACET] = {"range": {"field": "fine", "ranges": ranges}}
    return aggs


def _all_of(clauses) -> dict:
    return {"bool": {"filter": list(clauses)}}


def selected_count(aggs: dict) -> int | None:
    """The number of hits within the selections; None when nothing is selected."""
    return aggs[SELECTED]["doc_count"] if SELECTED in aggs else None


def _buckets(aggs: dict, name: str) -> list[dict]:
    """The buckets of a facet, wherever `aggregations` put it."""
    result = aggs[name] if name in aggs else aggs[SELECTED][name]
    return result["values"]["buckets"] if "values" in result else result["buckets"]


def facet_counts(aggs: dict, params: SearchParams) -> dict[str, list[dict]]:
    """`aggs` is the response's `aggregations`."""
    counts = {}
    for facet in TERM_FACETS:
        items = [{"value": str(b["key"]), "count": b["doc_count"]} for b in _buckets(aggs, facet.name)]
        listed = {item["value"] for item in items}
        items += [{"value": v, "count": 0} for v in params.selected(facet.name) if v not in listed]
        counts[facet.name] = items
    counts["city"] = _cities_with_provinces(counts["city"])
    counts["industry"] = _industry_tree(counts["industry"])
    counts["article"] = _articles_with_laws(counts["article"])
    labels = {value: label for value, label, _, _ in FINE_RANGES}
    counts[FINE_FACET] = [
        {"value": b["key"], "count": b["doc_count"], "label": labels[b["key"]]}
        for b in _buckets(aggs, FINE_FACET)
    ]
    return counts


def _cities_with_provinces(items: list[dict]) -> list[dict]:
    """Each city with its province as parent (prefecture names are unique nationwide)."""
    cities = Division.objects.filter(level=Division.Level.CITY, name__in=[i["value"] for i in items])
    provinces = dict(cities.values_list("name", "parent__name"))
    for item in items:
        if item["value"] in provinces:
            item["parent"] = provinces[item["value"]]
    return items


def _industry_tree(items: list[dict]) -> list[dict]:
    """Sections (C) and divisions (C26) only, each division with its section as parent."""
    items = [item for item in items if len(item["value"]) <= 3]
    names = dict(Industry.objects.filter(code__in=[i["value"] for i in items]).values_list("code", "name"))
    for item in items:
        item["label"] = names.get(item["value"], item["value"])
        if len(item["value"]) == 3:
            item["parent"] = item["value"][0]
    return sorted(items, key=lambda i: (i["value"][0], len(i["value"]) > 1, -i["count"], i["value"]))


def _articles_with_laws(items: list[dict]) -> list[dict]:
    """Each article key labelled (大气污染防治法（2018年版）第七十二条) with its law's title as parent."""
    titles = dict(Law.objects.values_list("short_title", "title"))
    for item in items:
        item["label"] = article_label(item["value"])
        short_title = split_article_key(item["value"]).short_title
        item["parent"] = titles.get(short_title, short_title)
    return items


def article_label(key: str) -> str:
    """大气污染防治法@2018:72 → 大气污染防治法（2018年版）第七十二条."""
    short_title, year, article, sub_article = split_article_key(key)
    return f"{short_title}（{year}年版）{numbered(article, sub_article)}"


def fine_range_bounds(value: str) -> tuple[float | None, float | None]:
    """The fine_min / fine_max a fine-range facet value stands for ("10000-50000" → 10000, 49999.99)."""
    for key, _, low, high in FINE_RANGES:
        if key == value:
            return float(low), (high - 0.01 if high else None)
    raise KeyError(value)
