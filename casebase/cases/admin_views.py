"""Admin actions on a case's own text: redact personal data, clear a false alarm, accept or
reject an extraction suggestion. Each saves a new draft revision as the submitter."""
from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from . import extraction
from .models import CasePage


def _editable_latest(request, page_id: int) -> CasePage | None:
    page = get_object_or_404(CasePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return None
    return page.get_latest_revision_as_object()


def _saved(request, page: CasePage, message: str):
    if not page.live:
        page.save()  # as the editor does: a draft's own row follows its latest revision
    page.save_revision(user=request.user, log_action=True)
    messages.success(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def redact(request, page_id: int):
    page = _editable_latest(request, page_id)
    if page is None:
        return HttpResponseForbidden("您无权编辑此案例")
    count = len(extraction.page_personal_data(page))
    extraction.redact_page(page)
    return _saved(request, page, f"已对 {count} 处个人信息脱敏，请核对后再提交审核")


@require_POST
def clear_pii(request, page_id: int):
    page = _editable_latest(request, page_id)
    if page is None:
        return HttpResponseForbidden("您无权编辑此案例")
    text = request.POST.get("pii_text", "").strip()
    if not text:
        messages.error(request, "未指定要确认的内容")
        return redirect("wagtailadmin_pages:edit", page.pk)
    page.pii_cleared = sorted({*page.pii_cleared, text})
    return _saved(request, page, f"已确认“{text}”不属于个人信息")


@require_POST
def decide_suggestion(request, page_id: int):
    page = _editable_latest(request, page_id)
    if page is None:
        return HttpResponseForbidden("您无权编辑此案例")
    field, decision = request.GET.get("field"), request.POST.get("suggestion_decision")
    suggestion = getattr(page, "suggestion", None) if page.pk else None
    if suggestion is None or field not in suggestion.values or decision not in ("accepted", "rejected"):
        messages.error(request, "该建议已失效，请刷新页面")
        return redirect("wagtailadmin_pages:edit", page.pk)
    suggestion.decisions[field] = decision
    suggestion.save(update_fields=["decisions", "updated_at"])
    label = extraction.SUGGESTED_FIELDS[field]
    if decision == "rejected":
        messages.success(request, f"已忽略“{label}”的建议")
        return redirect("wagtailadmin_pages:edit", page.pk)
    extraction.apply_suggestion(page, field, suggestion.values[field])
    return _saved(request, page, f"已采纳“{label}”的建议")
