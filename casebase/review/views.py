"""Admin views of the procedure: commendation, deliberations and their minutes, quarterly tracking, statistics."""
import logging
from functools import wraps

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.log_actions import log

from casebase.cases.models import CasePage

from . import reports
from .export import FORMATS, spreadsheet_response
from .minutes import Minutes, minutes_docx, minutes_pdf
from .forms import CancelForm
from .models import CommitteeTaskState
from .policy import ReviewPolicy
from .workflow import cancel_review

logger = logging.getLogger(__name__)
COMMEND_LOG_ACTION = "review.commend"


class CommendationForm(forms.Form):
    commendation = forms.CharField(
        label="受表扬单位", max_length=300, error_messages={"required": "请填写受表扬的办案单位"}
    )


def allowed_by(policy_check):
    """Admits the user when `ReviewPolicy(user).<policy_check>()` is true; otherwise answers 403.
    (Wagtail's admin turns a raised PermissionDenied into a redirect; a refused action must be a 403.)"""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not getattr(ReviewPolicy(request.user), policy_check)():
                logger.warning("refused %s to %s", view.__name__, request.user)
                return TemplateResponse(request, "review/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@allowed_by("can_commend")
def commend(request, page_id: int):
    """Marks a published case 优秀典型案例 and commends its handling unit."""
    case = get_object_or_404(CasePage.objects.published(), pk=page_id)
    form = CommendationForm(request.POST or None, initial={"commendation": case.commendation or case.unit})
    if request.method == "POST" and form.is_valid():
        case.commend(form.cleaned_data["commendation"])
        log(instance=case, action=COMMEND_LOG_ACTION, user=request.user, data={"unit": case.commendation})
        messages.success(request, f"已将“{case.title}”标记为优秀典型案例")
        return redirect("wagtailadmin_explore", case.get_parent().pk)
    return TemplateResponse(request, "review/commend.html", {"case": case, "form": form})


@allowed_by("can_view_tracking")
def minutes(request, task_state_id: int, fmt: str):
    """The minutes of one deliberation as PDF or DOCX."""
    state = get_object_or_404(CommitteeTaskState, pk=task_state_id)
    if state.is_open and not ReviewPolicy(request.user).can_read_open_minutes():
        logger.warning("refused minutes of open deliberation %s to %s", state.pk, request.user)
        return TemplateResponse(
            request, "review/forbidden.html", {"reason": "审议尚在进行，纪要在作出决定后提供。"}, status=403
        )
    if fmt == "pdf":
        content, content_type = minutes_pdf(state), "application/pdf"
    elif fmt == "docx":
        content = minutes_docx(state)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="minutes-{state.pk}.{fmt}"'
    return response


@allowed_by("can_view_tracking")
def deliberation(request, task_state_id: int):
    """The committee's link to one deliberation (in its e-mail): the case's editor while the
    vote is open, the decision once it is taken, for a member who arrives late."""
    state = get_object_or_404(CommitteeTaskState, pk=task_state_id)
    case = state.workflow_state.content_object.specific
    if state.is_open:
        return redirect("wagtailadmin_pages:edit", case.pk)
    return TemplateResponse(request, "review/deliberation_closed.html", {
        "case": case, "decision": Minutes(state).decision, "finished_at": state.finished_at,
    })


def cancel(request, page_id: int):
    """取消审核: the submitting city or a provincial administrator ends a case's review with a
    written reason (workflow.cancel_review)."""
    case = get_object_or_404(CasePage, pk=page_id)
    if not ReviewPolicy(request.user).can_cancel_review(case):
        logger.warning("refused cancelling the review of case %s to %s", page_id, request.user)
        return TemplateResponse(request, "review/forbidden.html", status=403)
    if not case.workflow_in_progress:
        messages.error(request, f"“{case.title}”当前不在审核中")
        return redirect("wagtailadmin_pages:edit", case.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cancel_review(case, request.user, form.cleaned_data["comment"])
        messages.success(request, f"已取消“{case.title}”的审核，已通知报送单位")
        return redirect("wagtailadmin_pages:edit", case.pk)
    return TemplateResponse(request, "review/cancel.html", {"case": case, "form": form})


def _quarter_from(request) -> tuple[reports.Quarter, str | None]:
    """The quarter asked for (?year=2025&quarter=3), or the current one with a message when invalid."""
    current = reports.Quarter.containing(timezone.localdate())
    try:
        year = int(request.GET.get("year", current.year))
        number = int(request.GET.get("quarter", current.number))
        if not (2000 <= year <= 2100 and 1 <= number <= 4):
            raise ValueError
    except ValueError:
        return current, "季度参数无效，已显示本季度"
    return reports.Quarter(year, number), None


@allowed_by("can_view_tracking")
def quarterly_report(request):
    quarter, error = _quarter_from(request)
    rows = reports.quarterly_tracking(quarter)
    fmt = request.GET.get("export")
    if fmt in FORMATS:
        return spreadsheet_response(
            f"quarterly-{quarter.year}-q{quarter.number}",
            ["地市", "按期报送", "逾期报送", "本季度发布", "未按期报送"],
            [[r.city, r.submitted_on_time, r.submitted_late, r.published, "是" if r.missed_deadline else ""] for r in rows],
            fmt,
        )
    return TemplateResponse(request, "review/quarterly_report.html", {
        "quarter": quarter, "rows": rows, "error": error,
        "years": range(timezone.localdate().year, 2018, -1), "quarters": range(1, 5),
        "missing": [r.city for r in rows if r.missed_deadline],
        "pending": [r.city for r in rows if not r.has_submitted and not r.missed_deadline],
        "days_left": (quarter.deadline - timezone.localdate()).days,
    })


@allowed_by("can_view_tracking")
def statistics(request):
    tables = {
        "per_city": ("各地市发布案例数", ["地市", "案例数"], reports.cases_per_city()),
        "per_quarter": ("各季度案例数（按决定日期）", ["季度", "案例数"], reports.cases_per_quarter()),
        "per_violation_type": ("各违法类型案例数", ["违法类型", "案例数"], reports.cases_per_violation_type()),
        "review_time": ("各审核环节用时中位数", ["环节", "中位数（天）", "决定次数"], reports.median_days_per_step()),
    }
    fmt, table = request.GET.get("export"), request.GET.get("table")
    if fmt in FORMATS and table in tables:
        title, headings, rows = tables[table]
        return spreadsheet_response(f"statistics-{table}", headings, [list(r) for r in rows], fmt)
    charts = [
        {"key": key, "title": title, "headings": headings, "rows": rows, "max": max([r[1] for r in rows] or [1])}
        for key, (title, headings, rows) in tables.items()
    ]
    return TemplateResponse(request, "review/statistics.html", {"charts": charts})
