"""The review procedure's models: the review steps, the collective deliberation with its
votes, and requests to correct or withdraw a published case.

Read with workflow.py (how a workflow finishes) and policy.py (who may do what).
"""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)

from .forms import CaseChangeRequestForm, CommentForm, ReasonForm, VoteForm

VOTE_LOG_ACTION = "review.vote"
DECISION_LOG_ACTION = "review.decision"


def next_url_after_action(task_state, user) -> str | None:
    """Where a reviewer goes after an action from the dashboard's modal: back to the object when
    they may still open its editor, otherwise to the dashboard (Wagtail's default, the editor,
    would greet them with a false refusal)."""
    content = task_state.workflow_state.content_object
    if isinstance(content, Page):
        editable = Page.objects.get(pk=content.pk).specific.permissions_for_user(user).can_edit()
    else:
        opts = content._meta
        editable = user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    return None if editable else reverse("wagtailadmin_home")


class ReviewStepTask(AbstractGroupApprovalTask):
    """A review step (业务审核, 法制审核): a member of the step's groups approves the case,
    or returns it to the submitter with a written reason."""

    def on_action(self, task_state, user, action_name, **kwargs):
        super().on_action(task_state, user, action_name, **kwargs)
        return next_url_after_action(task_state, user)

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [("reject", "退回修改", True), ("approve", "审核通过", False), ("approve", "审核通过并附意见", True)]
        return []

    def get_form_for_action(self, action):
        return ReasonForm if action == "reject" else CommentForm

    @classmethod
    def get_description(cls):
        return "所选用户组的成员可以审核通过，或写明理由退回修改"

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"


class CommitteeTaskState(TaskState):
    """A deliberation in progress or decided; its votes are the minutes (审议纪要). The members
    entitled to vote are recorded when it opens, so that a later change of the committee group
    cannot move its quorum."""

    eligible_members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name="参加表决的委员")

    class Meta:
        verbose_name = "集体审议记录"

    def tally(self, votes=None) -> tuple[int, int]:
        """(votes to approve, votes to reject) cast so far; pass `votes` when already loaded."""
        votes = list(self.votes.all()) if votes is None else votes
        approvals = sum(v.approve for v in votes)
        return approvals, len(votes) - approvals

    @property
    def is_open(self) -> bool:
        return self.status == self.STATUS_IN_PROGRESS


class CommitteeTask(AbstractGroupApprovalTask):
    """Collective deliberation (集体审议): every member of the committee group (as it stood when
    the deliberation opened) votes approve or reject with a written opinion. The decision is
    taken once a quorum has voted and the outcome can no longer change: a strict majority of
    the votes approves; a tie or a majority to reject returns the case. A tie with members still
    to vote waits for them."""

    quorum_numerator = models.PositiveSmallIntegerField("法定人数比例（分子）", default=2, validators=[MinValueValidator(1)])
    quorum_denominator = models.PositiveSmallIntegerField(
        "法定人数比例（分母）", default=3, validators=[MinValueValidator(1)],
        help_text="参加表决的委员达到全体委员的该比例时作出决定，默认三分之二",
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["quorum_numerator", "quorum_denominator"]
    task_state_class = CommitteeTaskState

    def clean(self):
        super().clean()
        if self.quorum_numerator > self.quorum_denominator:
            raise ValidationError({"quorum_numerator": "法定人数比例不能超过 1"})

    def members(self):
        return get_user_model().objects.filter(groups__in=self.groups.all(), is_active=True).distinct()

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        task_state.specific.eligible_members.set(self.members())
        return task_state

    def eligible_members(self, task_state: CommitteeTaskState):
        """Who may vote in `task_state`: the members recorded when it opened."""
        return task_state.eligible_members.all()

    def quorum_size(self, task_state: CommitteeTaskState) -> int:
        """Votes needed for a decision: the ceiling of members × the quorum fraction, at least 1."""
        members = self.eligible_members(task_state).count()
        return max(1, -(-members * self.quorum_numerator // self.quorum_denominator))

    def may_vote(self, task_state: CommitteeTaskState, user) -> bool:
        return self.eligible_members(task_state).filter(pk=user.pk).exists()

    def get_actions(self, obj, user):
        task_state = self._current_state(obj)
        if task_state is None or not self.may_vote(task_state, user):
            return []
        if task_state.votes.filter(voter=user).exists():
            return []
        return [("approve", "表决：同意发布", True), ("reject", "表决：不同意发布", True)]

    def get_form_for_action(self, action):
        return VoteForm

    def on_action(self, task_state, user, action_name, **kwargs):
        """Records one vote; decides once the outcome is settled. Refuses a vote by a
        non-member, a second vote, and any vote after the decision."""
        with transaction.atomic():
            task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
            if task_state.status != TaskState.STATUS_IN_PROGRESS:
                raise PermissionDenied("审议已作出决定，不再接受表决")
            if not self.may_vote(task_state, user):
                raise PermissionDenied("只有本次审议的委员可以表决")
            if task_state.votes.filter(voter=user).exists():
                raise PermissionDenied("每位委员只能表决一次")
            vote = task_state.votes.create(
                voter=user, approve=(action_name == "approve"), opinion=kwargs.get("comment", "").strip()
            )
            content = task_state.workflow_state.content_object.specific
            log(instance=content, action=VOTE_LOG_ACTION, user=user, revision=task_state.revision,
                data={"approve": vote.approve, "opinion": vote.opinion, "task_state": task_state.pk})
            self._decide_if_settled(task_state, user, content)
        return next_url_after_action(task_state, user)

    def settled_outcome(self, task_state: CommitteeTaskState, votes) -> bool | None:
        """True (approve) or False (return) once a quorum has voted and the members still to
        vote could not change the outcome whichever way they voted; None while it is open."""
        if len(votes) < self.quorum_size(task_state):
            return None
        approvals, rejections = task_state.tally(votes)
        outstanding = self.eligible_members(task_state).count() - len(votes)
        if approvals > rejections + outstanding:
            return True
        if approvals + outstanding <= rejections:
            return False
        return None

    def _decide_if_settled(self, task_state, user, content) -> None:
        votes = list(task_state.votes.select_related("voter"))
        approved = self.settled_outcome(task_state, votes)
        if approved is None:
            return
        approvals, rejections = task_state.tally(votes)
        opinions = "\n".join(f"{v.voter_name}：{'同意' if v.approve else '不同意'}。{v.opinion}" for v in votes)
        log(instance=content, action=DECISION_LOG_ACTION, user=user, revision=task_state.revision,
            data={"approved": approved, "for": approvals, "against": rejections, "task_state": task_state.pk})
        verdict = "集体审议通过" if approved else "集体审议未通过，退回修改"
        comment = f"{verdict}（同意 {approvals} 票，不同意 {rejections} 票）\n{opinions}"
        if approved:
            task_state.approve(user=user, comment=comment)
        else:
            task_state.reject(user=user, comment=comment)

    def _current_state(self, obj):
        """The in-progress deliberation of `obj` at this task, if any."""
        workflow_state = obj.current_workflow_state
        task_state = workflow_state.current_task_state if workflow_state else None
        if task_state is None or task_state.task_id != self.pk or task_state.status != TaskState.STATUS_IN_PROGRESS:
            return None
        return task_state.specific

    @classmethod
    def get_description(cls):
        return "审议委员会委员逐一表决，达到法定人数后按多数作出决定"

    class Meta:
        verbose_name = "集体审议"
        verbose_name_plural = "集体审议"


class CommitteeVote(models.Model):
    task_state = models.ForeignKey(CommitteeTaskState, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approve = models.BooleanField("同意发布")
    opinion = models.TextField("审议意见")
    voted_at = models.DateTimeField("表决时间", default=timezone.now)

    class Meta:
        ordering = ["voted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["task_state", "voter"], name="one_vote_per_member")]
        verbose_name = verbose_name_plural = "审议表决"

    @property
    def voter_name(self) -> str:
        return self.voter.get_full_name() or self.voter.get_username()


class CaseChangeRequest(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A provincial administrator's request to correct or withdraw a published case. It goes
    through its own short workflow (legal review, then the administrators' approval); when that
    finishes, the change is applied (workflow.apply_change_request). Nothing is deleted."""

    class Kind(models.TextChoices):
        CORRECT = "correct", "更正"
        WITHDRAW = "withdraw", "撤除"

    case = models.ForeignKey("cases.CasePage", verbose_name="案例", on_delete=models.PROTECT, related_name="change_requests")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    reason = models.TextField("理由", help_text="将在案例页面公示")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    applied_at = models.DateTimeField("生效时间", null=True, blank=True, editable=False)
    # For a correction: the case revision (saved as a draft beforehand) that will be published.
    case_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("case"), FieldPanel("kind"), FieldPanel("reason")]
    base_form_class = CaseChangeRequestForm

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "案例更正撤除申请"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.case.title}"



class DuplicateConfirmation(models.Model):
    """A submitter's confirmation that a case is not a duplicate of the existing cases the
    near-duplicate check found above its threshold, with the reason; shown to the reviewers
    (casebase/review/duplicates.py)."""

    page = models.ForeignKey("cases.CasePage", verbose_name="案例", on_delete=models.CASCADE, related_name="duplicate_confirmations")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("确认理由")
    # What the check found when the submitter confirmed: [{"page_id", "ref", "title", "score"}].
    similar = models.JSONField("相似案例", default=list)
    created_at = models.DateTimeField("确认时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = "相似案例确认"

    def __str__(self):
        return f"{self.page}：{self.reason[:20]}"


class Procedure(models.Model):
    """No table: the holder of the procedure's own permissions, which the fixed roles' groups
    are granted (migration 0008). `ReviewPolicy` checks these, never a group's name, so that
    renaming a group in the admin changes no right."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("commend_cases", "可以标记优秀典型案例"),
            ("view_tracking", "可以查看季度跟踪、统计和审议纪要"),
            ("search_cases_under_review", "可以检索审核中的案例"),
            ("read_open_minutes", "可以在表决结束前查看审议意见"),
            ("cancel_any_review", "可以取消任何案例的审核"),
            ("manage_officers", "可以管理各地市执法人员账号"),
            ("import_cases_anywhere", "可以批量导入任何地市的案例"),
        ]
