"""Dashboard panels: "待我审核" for reviewers, "被退回的案例" for submitters."""
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from casebase.cases.models import CasePage

from .models import CaseChangeRequest
from .workflow import returned_states


class UserPanel(Component):
    """A dashboard panel about the signed-in user's own work."""

    def __init__(self, user):
        self.user = user
        self.urls = AdminURLFinder(user)


class PendingReviewPanel(UserPanel):
    """How many cases wait at each step the user reviews, with links to them."""

    name = "casebase_pending_review"
    order = 90
    template_name = "review/panels/pending_review.html"

    def get_context_data(self, parent_context=None):
        states = TaskState.objects.reviewable_by(self.user)
        per_step = dict(states.order_by().values_list("task__name").annotate(n=Count("pk")))
        first = states.select_related("task", "workflow_state").prefetch_related(
            # A change request's title reads its case.
            GenericPrefetch("workflow_state__content_object", [CaseChangeRequest.objects.select_related("case")])
        ).order_by("started_at")[:20]
        # Every item is on a step the user reviews, and the editor admits a step's reviewers
        # (Task.user_can_access_editor) even without the model's change permission, which the
        # user-aware URL finder asks for: link without it.
        editors = AdminURLFinder()
        items = [
            {"title": str(state.workflow_state.content_object), "step": state.task.name,
             "url": editors.get_edit_url(state.workflow_state.content_object)}
            for state in first
        ]
        return {"per_step": sorted(per_step.items()), "items": items, "total": sum(per_step.values())}


class ReturnedCasesPanel(UserPanel):
    """Cases of the user's own city that reviewers returned, with the reason."""

    name = "casebase_returned_cases"
    order = 95
    template_name = "review/panels/returned_cases.html"

    def get_context_data(self, parent_context=None):
        editable = CasePage.objects.filter(pk__in=_editable_case_ids(self.user))
        returned = sorted(returned_states(editable), key=lambda s: s.current_task_state.finished_at, reverse=True)
        return {"items": [
            {"title": str(state.content_object), "step": state.current_task_state.task.name,
             "reason": state.current_task_state.comment, "returned_at": state.current_task_state.finished_at,
             "url": self.urls.get_edit_url(state.content_object)}
            for state in returned
        ]}


def _editable_case_ids(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change").type(CasePage).values("pk")
