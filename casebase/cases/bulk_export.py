"""Cases as a file to download: JSON Lines (the import format), CSV or XLSX (`formats`).
The search page and the admin's case export both answer through `export_response`."""
from django.http import HttpResponse
from django.utils import timezone

from .formats import CONTENT_TYPES, record_of, write_cases

STATUS_LABELS = {"live": "已发布", "draft": "草稿", "changed": "已发布（有未发布的修改）", "withdrawn": "已撤除"}


def with_export_fields(cases):
    """`cases` with what an export reads, one query per relation whatever the count."""
    return cases.select_related("province", "city", "county", "industry").prefetch_related(
        "citations", "violation_types", "measures", "keywords",
    )


def status_of(case) -> str:
    if case.withdrawn_on:
        return STATUS_LABELS["withdrawn"]
    if not case.live:
        return STATUS_LABELS["draft"]
    return STATUS_LABELS["changed"] if case.has_unpublished_changes else STATUS_LABELS["live"]


def export_rows(cases, build_url, latest=lambda case: False) -> list[tuple[dict, dict]]:
    """(import record, export-only values) per case. `latest(case)`: export the case's latest
    revision (for people who may edit it, so that exporting, editing and importing again does
    not undo a draft), otherwise what is published (or the draft's own row)."""
    rows = []
    for case in cases:
        content = case.get_latest_revision_as_object() if case.has_unpublished_changes and latest(case) else case
        extra = {"region": case.region_label, "status": status_of(case),
                 "industry_name": case.industry.name if case.industry_id else "",
                 "url": build_url(case.url) if case.live and case.url else ""}
        rows.append((record_of(content), extra))
    return rows


def export_response(rows: list[tuple[dict, dict]], fmt: str, name: str = "casebase") -> HttpResponse:
    response = HttpResponse(write_cases(rows, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.{fmt}"'
    return response
