"""The public search page (/search/), its CSV export and the article browse page."""
import logging

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from casebase.cases.bulk_export import export_response, export_rows, with_export_fields
from casebase.cases.formats import FORMATS
from casebase.cases.models import CasePage
from casebase.precedents import discretion

from . import facets
from .params import FILTERS, MAX_QUERY_LENGTH, InvalidParameter, parse_params
from .results import SECTION_LABELS
from .service import SearchUnavailable, export_cases, search_cases

logger = logging.getLogger(__name__)
SORT_LABELS = {"relevance": "相关度", "-date": "决定日期（新→旧）", "-fine": "罚款金额（高→低）"}
# What users call the parameters that are not facets (error messages name them; the API keeps the names).
PARAMETER_LABELS = {"q": "检索词", "section": "检索范围", "sort": "排序", "page": "页码", "page_size": "每页条数",
                    "fine_min": "罚款下限", "fine_max": "罚款上限"}
UNAVAILABLE = "检索服务暂时不可用"


def search_page(request):
    query = _kept_query(request.GET)
    context = {"query": query, "sort_labels": SORT_LABELS, "sections": SECTION_LABELS}
    try:
        params = parse_params(request.GET)
    except InvalidParameter as error:
        return render(request, "search/search.html", {**context, **_error_context(error, request)}, status=400)
    context["params"] = params
    try:
        result = search_cases(params)
    except SearchUnavailable:
        return render(request, "search/unavailable.html", {"message": UNAVAILABLE}, status=503)
    if result.page > result.num_pages:  # an old link or an edited URL past the end: show the last page
        query = query.copy()
        query["page"] = result.num_pages
        return redirect(f"{request.path}?{query.urlencode()}")
    return render(request, "search/search.html", {
        **context,
        "result": result,
        "facet_groups": facet_groups(result.facets, query),
        "selected": selected_chips(params, query),
        "page_links": page_links(result, query),
        "export_query": _without(query, "page", "page_size"),
    })


def _kept_query(data: QueryDict) -> QueryDict:
    """The query the page's links and boxes repeat: the text cut where the search cuts it, so a
    huge `q` is not written out again in every facet, page and export link."""
    query = data.copy()
    if "q" in query:
        query["q"] = query["q"][:MAX_QUERY_LENGTH]
    return query


def parameter_label(name: str) -> str:
    return PARAMETER_LABELS.get(name) or facets.FACET_LABELS.get(name, name)


def refusal_text(error: InvalidParameter) -> str:
    """What a user reads of a refused parameter, where no page template says it (files, forms)."""
    return f"{parameter_label(error.name)}（{error.name}）有误：{error.message}"


def _error_context(error: InvalidParameter, request) -> dict:
    logger.info(error.log_line(request.GET))
    return {"error": error, "error_label": parameter_label(error.name)}


def export_csv(request):
    return export(request, "csv")


def export(request, fmt: str):
    """Up to 1,000 results of the same search as a file: CSV (UTF-8 with BOM, so spreadsheets
    read it), XLSX, or JSONL in the import format (casebase/cases/formats.py), with the
    structured fields of each case. Spreadsheet cells that would be formulas start with '."""
    if fmt not in FORMATS:
        raise Http404("no such export format")
    try:
        refs = [row["ref"] for row in export_cases(parse_params(request.GET, max_page_size=1000))]
    except InvalidParameter as error:
        logger.info(error.log_line(request.GET))
        return HttpResponse(refusal_text(error), status=400,
                            content_type="text/plain; charset=utf-8")
    except SearchUnavailable:
        return HttpResponse(UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")
    cases = {case.ref: case for case in with_export_fields(CasePage.objects.published().filter(ref__in=refs))}
    ordered = [cases[ref] for ref in refs if ref in cases]
    return export_response(export_rows(ordered, request.build_absolute_uri), fmt)


# --- presenting facets and paging (template helpers) -----------------------------------------

def _without(query: QueryDict, *names: str) -> str:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _toggled(query: QueryDict, name: str, value: str) -> str:
    query = query.copy()
    values = query.getlist(name)
    query.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    query.pop("page", None)
    return query.urlencode()


def _with_fine(query: QueryDict, value: str | None) -> str:
    query = query.copy()
    for name in ("fine_min", "fine_max", "page"):
        query.pop(name, None)
    if value:
        low, high = facets.fine_range_bounds(value)
        query["fine_min"] = f"{low:g}"
        if high is not None:
            query["fine_max"] = f"{high:.2f}"
    return query.urlencode()


# The first two facet groups shown (violation type, industry) are open; the others open on demand.
OPEN_FACET_GROUPS = 2


def facet_groups(counts: dict[str, list[dict]], query: QueryDict) -> list[dict]:
    """Each facet's items with `label`, `count`, `selected` and `depth` (the fine bands: with the URL
    that applies them); each group `open` or collapsed, with its `selected_count`."""
    groups = []
    for name in FILTERS:
        selected = set(query.getlist(name))
        items = [{
            "value": item["value"], "label": item.get("label", item["value"]), "count": item["count"], "selected": item["value"] in selected,
            "depth": 1 if name == "industry" and "parent" in item else 0,
        } for item in counts.get(name, [])]
        groups.append({"name": name, "label": facets.FACET_LABELS[name], "items": items})
    fine_items = [{
        "label": item["label"], "count": item["count"], "depth": 0, "url": "?" + _with_fine(query, item["value"]),
        "selected": query.get("fine_min") == f"{facets.fine_range_bounds(item['value'])[0]:g}",
    } for item in counts.get(facets.FINE_FACET, [])]
    groups.append({"name": facets.FINE_FACET, "label": facets.FACET_LABELS[facets.FINE_FACET], "items": fine_items})
    shown = [group for group in groups if group["items"]]
    for index, group in enumerate(shown):
        group["selected_count"] = sum(item["selected"] for item in group["items"])
        # Collapsed groups keep the page's tab stops few (keyboard users reach the results sooner);
        # a group with a selection stays open so the selection is seen.
        group["open"] = index < OPEN_FACET_GROUPS or group["selected_count"] > 0
    return groups


def selected_chips(params, query: QueryDict) -> list[dict]:
    """The active selections, each with the URL that removes it."""
    chips = [
        {"label": f"{facets.FACET_LABELS[name]}：{value}", "url": "?" + _toggled(query, name, value)}
        for name in FILTERS for value in params.selected(name)
    ]
    if params.fine_min is not None or params.fine_max is not None:
        chips.append({"label": "罚款金额：已限定", "url": "?" + _with_fine(query, None)})
    return chips


def page_links(result, query: QueryDict) -> dict:
    base = _without(query, "page")

    def link(number: int) -> str:
        return f"?{base}&page={number}" if base else f"?page={number}"

    return {
        "previous": link(result.page - 1) if result.page > 1 else None,
        "next": link(result.page + 1) if result.page < result.num_pages else None,
    }


def discretion_page(request):
    """裁量参考 for `article` (an article key) or for `violation_type` (optionally within `industry`)."""
    article, violation_type = request.GET.get("article", ""), request.GET.get("violation_type", "")
    industry = request.GET.get("industry") or None
    try:
        parse_params(request.GET)  # checks the article key and the industry code
        if not (article or violation_type):
            raise InvalidParameter("article", "请指定条款或违法类型")
    except InvalidParameter as error:
        return render(request, "search/discretion.html", _error_context(error, request), status=400)
    if article:
        reference, subject = discretion.for_article(article), facets.article_label(article)
    else:
        reference, subject = discretion.for_violation_type(violation_type, industry), violation_type
    return render(request, "search/discretion.html", {"reference": reference, "subject": subject, "industry": industry})
