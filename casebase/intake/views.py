"""The admin view "从文书导入": a city's submitter uploads a document and gets a draft case."""
import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from casebase.cases.models import CityIndexPage
from casebase.review.duplicates import check_page

from .forms import DocumentUploadForm
from .services import IntakeResult, create_draft
from .uploads import UploadLimit

logger = logging.getLogger(__name__)


@csrf_exempt
def intake(request, page_id: int):
    """GET: the upload form for the city index `page_id`; POST: a draft case from the document,
    then the page editor. 403 for users who may not add pages there; a refused document shows
    the form again with its message, and nothing is created."""
    # The size cap must be in place before anything reads the body, CSRF checking included.
    limit = UploadLimit(settings.INTAKE_MAX_UPLOAD_SIZE, request)
    request.upload_handlers.insert(0, limit)
    return _intake(request, page_id, limit)


@csrf_protect
def _intake(request, page_id: int, limit: UploadLimit):
    city_index = get_object_or_404(CityIndexPage, pk=page_id)
    if not city_index.permissions_for_user(request.user).can_add_subpage():
        logger.warning("intake refused: %s may not add pages under %s (%s)", request.user, city_index.pk, city_index.title)
        return TemplateResponse(request, "intake/forbidden.html", {"city_index": city_index}, status=403)
    posted = request.method == "POST"
    form = DocumentUploadForm(
        request.POST if posted else None, request.FILES if posted else None,
        max_bytes=settings.INTAKE_MAX_UPLOAD_SIZE, upload_exceeded=limit.exceeded,
    )
    if posted:
        if form.is_valid():
            upload = form.cleaned_data["document"]
            result = create_draft(form.text, city_index, request.user, upload.name)
            _report(request, result, upload.name)
            _warn_near_duplicates(request, result)
            return redirect("wagtailadmin_pages:edit", result.case.pk)
        _log_refusal(request, city_index, form)
    return TemplateResponse(request, "intake/upload.html", {"city_index": city_index, "form": form})


def _report(request, result: IntakeResult, filename: str) -> None:
    messages.success(request, f"已从“{filename}”创建草稿“{result.case.title}”，预填了：{'、'.join(result.filled)}。请核对后保存。")
    if result.left_out:
        messages.warning(request, f"以下内容未能采用，请人工填写：{'；'.join(result.left_out)}")
    if result.to_check:
        messages.warning(request, f"请注意：{'；'.join(result.to_check)}")


def _warn_near_duplicates(request, result: IntakeResult) -> None:
    """The imported draft against the existing cases: a likely duplicate is said at once."""
    near = check_page(result.case.get_latest_revision_as_object(), request.user).near_duplicates
    if near:
        names = "、".join(f"“{case.title}”（相似度{case.percent}%）" for case in near[:3])
        messages.warning(request, f"该文书与已有案例高度相似：{names}。请在“相似案例”中核对，避免重复报送。")


def _log_refusal(request, city_index: CityIndexPage, form: DocumentUploadForm) -> None:
    upload = request.FILES.get("document")
    refusal = form.refusal
    logger.warning(
        "intake refused a document: user=%s city=%s file=%r size=%s reason=%s detail=%s",
        request.user, city_index.title, upload.name if upload else None, upload.size if upload else None,
        refusal.reason if refusal else "invalid_form", refusal.detail if refusal else form.errors.as_json(),
    )
