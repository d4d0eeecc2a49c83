"""The admin's 批量导入 (upload a JSONL, CSV or XLSX file of cases, check it, import the valid
lines) and 案例导出 (the cases a user may see, filtered, as JSONL, CSV or XLSX).

An upload is read at once, under limits (its size while it arrives, the number of lines while
it is read), so a file that cannot be read is refused on the form. Checking and importing run
in the worker (`bulk_tasks`); the job's page shows their progress and polls until they end.
A job is seen by the user who uploaded it only."""
import logging

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from casebase.intake.documents import megabytes
from casebase.intake.uploads import UploadLimit

from . import bulk_tasks
from .bulk_export import export_response, export_rows, with_export_fields
from .bulk_models import ImportJob
from .formats import FORMAT_NAMES, FORMATS, FileRefused, read_file, write_cases
from .models import CasePage, CityIndexPage
from .visibility import visible_pages

logger = logging.getLogger(__name__)
PREVIEW_PAGE_SIZE = 100
EXPORT_PREVIEW_SIZE = 20


class CaseFileForm(forms.Form):
    file = forms.FileField(label="案例文件", required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".jsonl,.csv,.xlsx"}))

    def __init__(self, *args, upload_exceeded: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"JSONL（每行一个案例）、CSV 或 Excel（.xlsx），不超过 {megabytes(settings.BULK_IMPORT_MAX_UPLOAD_SIZE)}、"
            f"{settings.BULK_IMPORT_MAX_LINES} 条案例；CSV 可为 UTF-8 或 GBK 编码"
        )
        self.upload_exceeded = upload_exceeded
        self.read = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.upload_exceeded:
            raise forms.ValidationError(
                f"文件超过 {megabytes(settings.BULK_IMPORT_MAX_UPLOAD_SIZE)}，请拆分后分批上传。", code="too_large")
        if not upload:
            raise forms.ValidationError("请选择要导入的案例文件（.jsonl、.csv 或 .xlsx）", code="required")
        try:
            self.read = read_file(upload.read(), upload.name, limit=settings.BULK_IMPORT_MAX_LINES)
        except FileRefused as refusal:
            logger.warning("bulk import refused %r: %s", upload.name, refusal.detail)
            raise forms.ValidationError(refusal.message, code="refused") from None
        if not self.read.lines:
            raise forms.ValidationError(f"“{upload.name}”中没有案例。", code="empty")
        return upload


def _refused(request):
    logger.warning("bulk import refused to %s: no role that may import cases", request.user)
    return TemplateResponse(request, "review/forbidden.html",
                            {"reason": "只有省级管理员和地市案例报送员可以批量导入案例。"}, status=403)


@csrf_exempt
def upload(request):
    """GET: the upload form and the user's recent jobs; POST: reads the file and starts its check."""
    limit = UploadLimit(settings.BULK_IMPORT_MAX_UPLOAD_SIZE, request)
    request.upload_handlers.insert(0, limit)  # before anything reads the body, CSRF checking included
    return _upload(request, limit)


@csrf_protect
def _upload(request, limit: UploadLimit):
    if not bulk_tasks.may_bulk_import(request.user):
        return _refused(request)
    posted = request.method == "POST"
    form = CaseFileForm(request.POST if posted else None, request.FILES if posted else None, upload_exceeded=limit.exceeded)
    if posted and form.is_valid():
        job = _create_job(request.user, form.cleaned_data["file"].name, form.read)
        return redirect(job.get_absolute_url())
    anywhere = bulk_tasks.may_import_anywhere(request.user)
    return TemplateResponse(request, "cases/bulk_upload.html", {
        "form": form, "anywhere": anywhere,
        "cities": [] if anywhere else bulk_tasks.submitter_cities(request.user),
        "jobs": ImportJob.objects.filter(user=request.user)[:10],
        "max_lines": settings.BULK_IMPORT_MAX_LINES,
    })


def _create_job(user, filename: str, read) -> ImportJob:
    notes = [f"已忽略无法识别的列：{'、'.join(read.ignored_columns)}"] if read.ignored_columns else []
    if read.encoding and read.encoding not in ("utf-8", "utf-8-sig", "utf_8"):
        notes.append(f"文件编码识别为 {read.encoding}，已转换。")
    job = ImportJob.objects.create(
        user=user, filename=filename[:255], file_format=read.fmt, encoding=read.encoding, notes=notes,
        total=len(read.lines), status_note="等待后台检查",
        lines=[{"number": line.number, "record": line.record, "problems": [[p.field, p.message] for p in line.problems]}
               for line in read.lines],
    )
    logger.info("import job %s: %s uploaded %r (%s, %s lines)", job.pk, user, filename, read.fmt, len(read.lines))
    bulk_tasks.request_check(job)
    return job


def _own_job(request, job_id: int) -> ImportJob:
    """The job, for the user who uploaded it; 404 for everyone else (its name is not shown)."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.user_id != request.user.pk:
        raise Http404("no such import job for this user")
    return job


def job(request, job_id: int):
    job = _own_job(request, job_id)
    report = job.report or []
    shown = request.GET.get("show", "all")
    lines = [line for line in report if shown == "all" or (line["action"] == "refused") == (shown == "refused")]
    page = Paginator(lines, PREVIEW_PAGE_SIZE).get_page(request.GET.get("p"))
    valid = sum(1 for line in report if line["action"] != "refused")
    return TemplateResponse(request, "cases/bulk_job.html", {
        "job": job, "page": page, "shown": shown, "valid": valid, "refused": len(report) - valid,
        "creates": sum(1 for line in report if line["action"] == "create"),
        "updates": sum(1 for line in report if line["action"] == "update"),
        "may_publish": bulk_tasks.may_import_anywhere(request.user),
    })


def job_status(request, job_id: int):
    job = _own_job(request, job_id)
    return JsonResponse({"status": job.status, "running": job.is_running, "done": job.done, "total": job.total,
                         "percent": job.percent, "note": job.status_note})


@require_POST
def start_import(request, job_id: int):
    job = _own_job(request, job_id)
    if job.status != ImportJob.Status.CHECKED:
        return redirect(job.get_absolute_url())
    publish = request.POST.get("publish") == "1" and bulk_tasks.may_import_anywhere(request.user)
    bulk_tasks.request_import(job, publish)
    return redirect(job.get_absolute_url())


def template_file(request, fmt: str):
    """An empty file with the columns (CSV, XLSX) to fill in."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("no template in this format")
    from django.http import HttpResponse

    from .formats import CONTENT_TYPES

    response = HttpResponse(write_cases([], fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="casebase-import-template.{fmt}"'
    return response


# --- 案例导出 ------------------------------------------------------------------------------

class ExportFilterForm(forms.Form):
    city = forms.ModelChoiceField(label="地市", required=False, queryset=CityIndexPage.objects.none(), empty_label="全部")
    status = forms.ChoiceField(label="状态", required=False, choices=[
        ("", "全部"), ("live", "已发布"), ("draft", "草稿（未发布）"), ("changed", "有未发布的修改"),
    ])
    year = forms.IntegerField(label="决定年度", required=False, min_value=1979, max_value=2100)
    q = forms.CharField(label="编号或标题含", required=False, max_length=100)

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities


def exportable_cases(user):
    """The cases `user` may see in the admin: every case for provincial administrators, the
    own city's and the published ones for others."""
    cases = CasePage.objects.all()
    return cases if bulk_tasks.may_import_anywhere(user) else cases.filter(pk__in=visible_pages(user).values("pk"))


def _filtered(cases, data: dict):
    if data.get("city"):
        cases = cases.descendant_of(data["city"])
    status = data.get("status")
    if status == "live":
        cases = cases.filter(live=True)
    elif status == "draft":
        cases = cases.filter(live=False)
    elif status == "changed":
        cases = cases.filter(live=True, has_unpublished_changes=True)
    if data.get("year"):
        cases = cases.filter(decision_date__year=data["year"])
    if q := (data.get("q") or "").strip():
        from django.db.models import Q

        cases = cases.filter(Q(ref__icontains=q) | Q(title__icontains=q))
    return cases


def export_view(request):
    """The filter form with a count and the first rows; `?fmt=` downloads the whole selection."""
    cases = exportable_cases(request.user)
    cities = CityIndexPage.objects.filter(pk__in=visible_pages(request.user).values("pk")).order_by("division__code")
    form = ExportFilterForm(request.GET or None, cities=cities)
    if form.is_bound and not form.is_valid():
        return TemplateResponse(request, "cases/bulk_export.html", {"form": form, "formats": FORMAT_NAMES}, status=400)
    selected = _filtered(cases, form.cleaned_data if form.is_bound else {}).order_by("-decision_date", "-pk")
    fmt = request.GET.get("fmt")
    if fmt:
        if fmt not in FORMATS:
            raise Http404("no such export format")
        editable = _editable_paths(request.user)
        rows = export_rows(with_export_fields(selected[:settings.BULK_EXPORT_MAX_CASES]), request.build_absolute_uri,
                           latest=lambda case: editable is None or case.path.startswith(editable))
        logger.info("%s exported %s cases as %s", request.user, len(rows), fmt)
        return export_response(rows, fmt)
    query = request.GET.copy()
    query.pop("fmt", None)
    return TemplateResponse(request, "cases/bulk_export.html", {
        "form": form, "count": selected.count(), "cases": selected.select_related("province", "city", "county")[:EXPORT_PREVIEW_SIZE],
        "formats": FORMAT_NAMES, "query": query.urlencode(), "limit": settings.BULK_EXPORT_MAX_CASES,
    })


def _editable_paths(user) -> tuple[str, ...] | None:
    """Tree paths under which `user` may edit cases (None: everywhere); their cases export as
    their latest revision, the others as published."""
    if bulk_tasks.may_import_anywhere(user):
        return None
    return tuple(index.path for index in CityIndexPage.objects.all() if index.permissions_for_user(user).can_edit())
