"""E-mail about the review procedure, always sent by a background task after the action's
transaction commits: a slow or failing mail server never blocks or breaks a review action.

Wagtail's own (synchronous) workflow e-mails are switched off in signal_handlers.connect in favour of these."""
import datetime
import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import AbstractGroupApprovalTask, Page

from .models import CommitteeTask


logger = logging.getLogger(__name__)
MAX_MAIL_ATTEMPTS = 6


@task()
def send_review_mail(recipients: list[str], subject: str, body: str, attempt: int = 1) -> str:
    """Sends one notification. While the mail server is unreachable or silent (EMAIL_TIMEOUT),
    tries again later with exponential backoff (1, 2, 4 … 16 minutes); a failure fails this
    task only, never the review action that caused it."""
    try:
        send_mail(subject, body, None, recipients)
        return "sent"
    except (OSError, smtplib.SMTPException) as exc:
        if attempt >= MAX_MAIL_ATTEMPTS or not send_review_mail.get_backend().supports_defer:
            logger.error("giving up mail %r to %s after %s attempts: %s", subject, recipients, attempt, exc)
            raise
        delay = datetime.timedelta(minutes=2 ** (attempt - 1))
        logger.warning("mail %r to %s failed (%s); retrying in %s", subject, recipients, exc, delay)
        send_review_mail.using(run_after=timezone.now() + delay).enqueue(recipients, subject, body, attempt + 1)
        return "retrying"


def notify(users, subject: str, body: str) -> None:
    recipients = sorted({u.email for u in users if u and u.email})
    if recipients:
        transaction.on_commit(partial(send_review_mail.enqueue, recipients, subject, body))


def _subject_of(content) -> tuple[str, str]:
    """(title, admin URL) of what is under review."""
    if isinstance(content, Page):
        content = content.specific
    return str(content), settings.WAGTAILADMIN_BASE_URL + (AdminURLFinder().get_edit_url(content) or "/admin/")


def task_started(sender, instance, user=None, **kwargs):
    """task_submitted: tell the next step's reviewers there is work for them."""
    task = instance.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return
    title, url = _subject_of(instance.workflow_state.content_object)
    if isinstance(task, CommitteeTask):
        # A member who opens the mail after the decision learns it instead of being refused.
        url = settings.WAGTAILADMIN_BASE_URL + reverse("review_deliberation", args=[instance.pk])
    reviewers = [u for group in task.groups.all() for u in group.user_set.filter(is_active=True)]
    notify(reviewers, f"【待{task.name}】{title}", f"“{title}”已提交至“{task.name}”环节，请审核：\n{url}")


def workflow_returned(sender, instance, user=None, **kwargs):
    """workflow_rejected: tell the submitter why the case came back."""
    title, url = _subject_of(instance.content_object)
    reason = instance.current_task_state.comment if instance.current_task_state else ""
    step = instance.current_task_state.task.name if instance.current_task_state else ""
    notify([instance.requested_by], f"【退回修改】{title}", f"“{title}”在“{step}”环节被退回。\n理由：{reason}\n请修改后重新提交：\n{url}")


def workflow_finished(sender, instance, user=None, **kwargs):
    """workflow_approved: tell the submitter the case is published (or the change applied)."""
    content = instance.content_object
    title, url = _subject_of(content)
    if isinstance(content, Page):
        public_url = content.specific.full_url or url
        notify([instance.requested_by], f"【已发布】{title}", f"“{title}”已通过全部审核并发布：\n{public_url}")
    else:
        notify([instance.requested_by], f"【已生效】{title}", f"“{title}”已通过审核并生效：\n{url}")
