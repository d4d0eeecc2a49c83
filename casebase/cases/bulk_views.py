"""The admin's 批量导入 (upload a JSONL, CSV or XLSX file of cases, check it, import the valid
lines) and 案例导出 (the cases a user may see, filtered, as JSONL, CSV or XLSX).

An upload is received under a size limit and given the checks that need no parsing (its kind,
its encoding, a workbook's expanded size), so such a file is refused on the form at once.
Reading its lines, checking and importing them run in the worker (`bulk_tasks`): however a file
is made, the web process never parses it. The job's page shows their progress and polls until
they end. A job is seen by the user who uploaded it only."""
import logging

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from casebase.core.task_recovery import recover_abandoned_tasks
from casebase.intake.documents import megabytes
from casebase.intake.uploads import UploadLimit

from . import bulk_tasks
from .bulk_export import export_response, export_rows, with_export_fields
from .bulk_models import ImportJob
from .formats import FORMAT_NAMES, FORMATS, FileRefused, check_file
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
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.upload_exceeded:
            raise forms.ValidationError(
                f"文件超过 {megabytes(settings.BULK_IMPORT_MAX_UPLOAD_SIZE)}，请拆分后分批上传。", code="too_large")
        if not upload:
            raise forms.ValidationError("请选择要导入的案例文件（.jsonl、.csv 或 .xlsx）", code="required")
        content = upload.read()
        try:
            check_file(content, upload.name)  # quick; reading the lines is the worker's (bulk_tasks)
        except FileRefused as refusal:
            logger.warning("bulk import refused %r: %s", upload.name, refusal.detail)
            raise forms.ValidationError(refusal.message, code="refused") from None
        self.content = content
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
        job = ImportJob.objects.create(user=request.user, filename=form.cleaned_data["file"].name[:255],
                                       content=form.content, status_note="等待后台读取和检查")
        logger.info("import job %s: %s uploaded %r (%s bytes)", job.pk, request.user, job.filename, len(form.content))
        bulk_tasks.request_check(job)
        return redirect(job.get_absolute_url())
    anywhere = bulk_tasks.may_import_anywhere(request.user)
    return TemplateResponse(request, "cases/bulk_upload.html", {
        "form": form, "anywhere": anywhere,
        "cities": [] if anywhere else bulk_tasks.submitter_cities(request.user),
        "jobs": ImportJob.objects.filter(user=request.user)[:10],
        "max_lines": settings.BULK_IMPORT_MAX_LINES,
    })


def _own_job(request, job_id: int) -> ImportJob:
    """The job, for the user who uploaded it; 404 for everyone else (its name is not shown)."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.user_id != request.user.pk:
        raise Http404("no such import job for this user")
    return job


def job(request, job_id: int):
    recover_abandoned_tasks()  # a step whose worker died shows as such, even when no worker runs
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
    return export_response([], fmt, name="casebase-import-template")


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
