"""How the review workflows end, and how a returned case starts again.

- "典型案例发布审核": business review → legal review → collective deliberation → published.
- "案例更正撤除审核": legal review → administrators' approval → the correction or withdrawal applies.
"""
import logging

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, TaskState, Workflow, WorkflowPage, WorkflowState

from casebase.cases.models import Correction
from casebase.cases.signals import case_corrected

from .models import CaseChangeRequest

logger = logging.getLogger(__name__)

CASE_WORKFLOW = "典型案例发布审核"
CHANGE_WORKFLOW = "案例更正撤除审核"
WITHDRAW_LOG_ACTION = "review.withdraw"
CANCEL_LOG_ACTION = "review.cancel"
CORRECT_LOG_ACTION = "review.correct"


def finish_workflow(workflow_state: WorkflowState, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION. The last approver (a committee member, an administrator)
    holds no publish permission, so the stock action would fail: the workflow itself is the
    authority to publish here."""
    content = workflow_state.content_object
    if isinstance(content, Page):
        content = content.specific
    if isinstance(content, CaseChangeRequest):
        apply_change_request(content, user)
    else:
        content.get_latest_revision().publish(user=user, skip_permission_checks=True)


@transaction.atomic
def apply_change_request(change: CaseChangeRequest, user=None) -> None:
    """Applies an approved correction or withdrawal. Nothing is deleted: a withdrawn case keeps
    its URL and revisions; a corrected case keeps its earlier revision."""
    change.get_latest_revision().publish(user=user, skip_permission_checks=True)
    case = change.case.specific
    today = timezone.localdate()
    if change.kind == CaseChangeRequest.Kind.WITHDRAW:
        case.withdraw(change.reason, on=today)
        log(instance=case, action=WITHDRAW_LOG_ACTION, user=user, data={"reason": change.reason})
    else:
        previous = case.live_revision
        revision = change.case_revision or case.get_latest_revision()
        revision.publish(user=user, skip_permission_checks=True, log_action=CORRECT_LOG_ACTION)
        correction = Correction.objects.create(
            page=case, corrected_on=today, reason=change.reason, previous_revision=previous, revision=revision
        )
        case_corrected.send(sender=type(case), instance=case, correction=correction)
    CaseChangeRequest.objects.filter(pk=change.pk).update(applied_at=timezone.now())


@transaction.atomic
def cancel_review(case, user, reason: str) -> None:
    """Ends the case's review at the current step, as a return does: the submitter is notified
    by mail, the case is listed in 被退回的案例 with the reason, and a resubmission starts again
    at business review. Logged as `review.cancel` (and Wagtail's return of the step)."""
    task_state = case.current_workflow_state.current_task_state.specific
    log(instance=case, action=CANCEL_LOG_ACTION, user=user, revision=task_state.revision,
        data={"reason": reason, "step": task_state.task.name})
    # TaskState.reject, not the task's on_action: a deliberation's own rules (votes) do not apply.
    TaskState.reject(task_state, user=user, comment=f"审核已取消：{reason}")


def restart_after_return(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    """workflow_rejected: a returned case, once edited and resubmitted, must pass every step
    again from business review, so the returned workflow ends here instead of waiting to
    resume at the step that returned it. The return itself is already in the audit log."""
    WorkflowState.objects.filter(pk=instance.pk).update(status=WorkflowState.STATUS_CANCELLED)


def assign_case_workflow(library) -> None:
    """The case workflow governs the whole case library (every city's subtree)."""
    workflow = Workflow.objects.filter(name=CASE_WORKFLOW).first()
    if workflow is None:
        logger.error("workflow %s is missing: run the migrations", CASE_WORKFLOW)
        return
    WorkflowPage.objects.update_or_create(page=library, defaults={"workflow": workflow})


def returned_states(pages):
    """The latest workflow state of each of `pages` that was returned and not yet resubmitted:
    cancelled (by `restart_after_return`) with its current task state rejected."""
    page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    latest = (
        WorkflowState.objects.filter(base_content_type=OuterRef("base_content_type"), object_id=OuterRef("object_id"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    return list(
        WorkflowState.objects.filter(
            base_content_type__model="page", object_id__in=page_ids, pk=Subquery(latest),
            status=WorkflowState.STATUS_CANCELLED, current_task_state__status=TaskState.STATUS_REJECTED,
        )
        .select_related("current_task_state__task")
        .prefetch_related("content_object")
        .order_by("object_id")
    )
