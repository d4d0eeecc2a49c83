"""Admin actions on a case's own text: redact personal data, clear a false alarm, accept or
reject an extraction suggestion. Each saves a new draft revision as the submitter."""
import logging
from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import extraction
from .models import CasePage

logger = logging.getLogger(__name__)


def editing_latest(view):
    """Calls `view(request, page)` with the case's latest revision when the user may edit the
    case now; otherwise answers 403 with the same refusal page as the review actions
    (casebase/review/views.py, `allowed_by`). A case the workflow (or another user) has locked
    for this user is refused like the editor refuses it: these views save revisions too."""

    @wraps(view)
    def wrapper(request, page_id: int):
        page = get_object_or_404(CasePage, pk=page_id)
        if not page.permissions_for_user(request.user).can_edit():
            logger.warning("refused %s of case %s to %s", view.__name__, page_id, request.user)
            return TemplateResponse(request, "review/forbidden.html", status=403)
        lock = page.get_lock()
        if lock is not None and lock.for_user(request.user):
            logger.warning("refused %s of locked case %s to %s (%s)", view.__name__, page_id, request.user, type(lock).__name__)
            return TemplateResponse(
                request, "review/forbidden.html", {"reason": "该案例正在审核或已被锁定，暂不能修改。"}, status=403
            )
        return view(request, page.get_latest_revision_as_object())

    return wrapper


def _saved(request, page: CasePage, message: str):
    if not page.live:
        page.save()  # as the editor does: a draft's own row follows its latest revision
    page.save_revision(user=request.user, log_action=True)
    messages.success(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
@editing_latest
def redact(request, page: CasePage):
    count = extraction.redact_page(page)
    return _saved(request, page, f"已对 {count} 处个人信息脱敏，请核对后再提交审核")


@require_POST
@editing_latest
def clear_pii(request, page: CasePage):
    text = request.POST.get("pii_text", "").strip()
    if not text:
        messages.error(request, "未指定要确认的内容")
        return redirect("wagtailadmin_pages:edit", page.pk)
    page.pii_cleared = sorted({*page.pii_cleared, text})
    return _saved(request, page, f"已确认“{text}”不属于个人信息")


@require_POST
@editing_latest
def decide_suggestion(request, page: CasePage):
    field, decision = request.GET.get("field"), request.POST.get("suggestion_decision")
    suggestion = getattr(page, "suggestion", None)
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
