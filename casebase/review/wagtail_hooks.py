import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet

from casebase.cases.forms import SUBMISSION_CHECKS_HOOK
from casebase.cases.models import CasePage
from casebase.cases.panels import SIMILAR_CASES_HOOK

from . import checks, duplicates, views
from .models import DECISION_LOG_ACTION, VOTE_LOG_ACTION, CaseChangeRequest, CommitteeTaskState
from .panels import PendingReviewPanel, ReturnedCasesPanel
from .policy import ReviewPolicy
from .workflow import CANCEL_LOG_ACTION, CORRECT_LOG_ACTION, WITHDRAW_LOG_ACTION

logger = logging.getLogger(__name__)

hooks.register(SUBMISSION_CHECKS_HOOK, checks.required_sections)
hooks.register(SUBMISSION_CHECKS_HOOK, checks.legal_basis_given)
hooks.register(SUBMISSION_CHECKS_HOOK, duplicates.confirmed_if_near_duplicate)
hooks.register(SIMILAR_CASES_HOOK, duplicates.panel_context)
hooks.register("after_create_page", duplicates.store_confirmation)
hooks.register("after_edit_page", duplicates.store_confirmation)


@hooks.register("register_admin_urls")
def review_admin_urls():
    return [
        path("review/commend/<int:page_id>/", views.commend, name="review_commend"),
        path("review/minutes/<int:task_state_id>.<str:fmt>", views.minutes, name="review_minutes"),
        path("review/deliberation/<int:task_state_id>/", views.deliberation, name="review_deliberation"),
        path("review/cancel/<int:page_id>/", views.cancel, name="review_cancel"),
        path("review/quarterly/", views.quarterly_report, name="review_quarterly"),
        path("review/statistics/", views.statistics, name="review_statistics"),
    ]


class TrackingMenuItem(MenuItem):
    def is_shown(self, request):
        return ReviewPolicy(request.user).can_view_tracking()


@hooks.register("register_admin_menu_item")
def quarterly_menu_item():
    return TrackingMenuItem("季度报送情况", reverse("review_quarterly"), icon_name="date", order=800)


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return TrackingMenuItem("案例统计", reverse("review_statistics"), icon_name="table", order=810)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(VOTE_LOG_ACTION, "集体审议表决", "委员表决")
    actions.register_action(DECISION_LOG_ACTION, "集体审议决定", "集体审议作出决定")
    actions.register_action(views.COMMEND_LOG_ACTION, "表扬", "标记为优秀典型案例")
    actions.register_action(WITHDRAW_LOG_ACTION, "撤除", "案例撤除")
    actions.register_action(CORRECT_LOG_ACTION, "更正", "案例更正后重新发布")
    actions.register_action(CANCEL_LOG_ACTION, "取消审核", "取消审核")
    actions.register_action(duplicates.CONFIRM_LOG_ACTION, "确认非重复报送", "提交人确认与相似案例不重复")


@hooks.register("after_edit_page")
def dashboard_after_review_action(request, page):
    """A review action taken in the editor (the footer's 审核通过, 退回修改, 表决) ends on the
    dashboard, where the next work waits, rather than in the explorer of a city the reviewer
    may not browse (a false "没有权限" under the success message)."""
    if request.POST.get("action-workflow-action") and not get_valid_next_url_from_request(request):
        return redirect("wagtailadmin_home")
    return None


WAGTAIL_CANCEL_ACTION = "action-cancel-workflow"


class CancelReviewMenuItem(ActionMenuItem):
    """取消审核 in the editor's footer: a link to the form asking for the reason."""

    label = "取消审核"
    name = "casebase-cancel-review"
    icon_name = "error"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit" and page is not None and page.workflow_in_progress
            and ReviewPolicy(context["request"].user).can_cancel_review(page)
        )

    def get_url(self, parent_context):
        return reverse("review_cancel", args=[parent_context["page"].pk])


@hooks.register("construct_page_action_menu")
def cancel_only_with_a_reason(menu_items, request, context):
    """Wagtail lets any approver cancel without a reason; our item replaces its own."""
    menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_CANCEL_ACTION]
    cancel_item = CancelReviewMenuItem(order=900)
    if cancel_item.is_shown(context):  # items added by this hook are not filtered afterwards
        menu_items.append(cancel_item)


@hooks.register("before_edit_page")
def refuse_wagtails_cancel(request, page):
    """Wagtail's own cancellation (a POST of the editor) is refused: it would skip the reason,
    the notice and the policy."""
    if request.method == "POST" and request.POST.get(WAGTAIL_CANCEL_ACTION):
        logger.warning("refused Wagtail's cancel-workflow on page %s to %s", page.pk, request.user)
        return TemplateResponse(request, "review/forbidden.html", {"reason": "取消审核须写明理由，请使用“取消审核”。"}, status=403)
    return None


@hooks.register("construct_snippet_action_menu")
def cancel_change_requests_as_administrator_only(menu_items, request, context):
    if not ReviewPolicy(request.user).can_commend():
        menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_CANCEL_ACTION]


@hooks.register("before_edit_snippet")
def refuse_cancelling_a_change_request(request, instance):
    if request.method == "POST" and request.POST.get(WAGTAIL_CANCEL_ACTION) and not ReviewPolicy(request.user).can_commend():
        logger.warning("refused cancelling change request %s to %s", instance.pk, request.user)
        return TemplateResponse(request, "review/forbidden.html", status=403)
    return None


@hooks.register("construct_homepage_panels")
def review_dashboard_panels(request, panels):
    panels.append(PendingReviewPanel(request.user))
    panels.append(ReturnedCasesPanel(request.user))


@hooks.register("register_page_header_buttons")
def case_procedure_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, CasePage):
        return
    policy = ReviewPolicy(user)
    if policy.can_commend() and page.live and not page.specific.is_withdrawn:
        yield Button("表扬为优秀典型案例", reverse("review_commend", args=[page.pk]), icon_name="pick", priority=60)
    if policy.can_view_tracking():
        for state in CommitteeTaskState.objects.filter(workflow_state__object_id=str(page.pk)).exclude(
            status=CommitteeTaskState.STATUS_IN_PROGRESS
        ):
            for fmt in ("pdf", "docx"):
                label = f"审议纪要 {state.finished_at:%Y-%m-%d}（{fmt.upper()}）"
                yield Button(label, reverse("review_minutes", args=[state.pk, fmt]), icon_name="doc-full", priority=70)


class CaseChangeRequestEditView(SnippetEditView):
    """The editor of a change request. A workflow action taken from it (审核通过 in the footer)
    saves a new revision only when the reviewer changed something, as the page editor does:
    an unchanged revision would count as an edit, and WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT
    would send the request back to its first step instead of applying it."""

    def save_instance(self):
        if self.action == "workflow-action" and not self.form.has_changed():
            self.new_revision = None
            return self.object
        return super().save_instance()

    def get_success_message(self):
        if self.action == "workflow-action":
            return f"已办理“{self.object}”"
        return super().get_success_message()


class CaseChangeRequestViewSet(SnippetViewSet):
    model = CaseChangeRequest
    edit_view_class = CaseChangeRequestEditView
    icon = "warning"
    menu_label = "更正撤除申请"
    menu_order = 790
    add_to_admin_menu = True
    list_display = ["__str__", "kind", "requested_by", "created_at", "applied_at"]
    list_filter = ["kind"]


register_snippet(CaseChangeRequestViewSet)
