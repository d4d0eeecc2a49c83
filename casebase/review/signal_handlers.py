"""Wiring of the review procedure to Wagtail's and Django's signals."""
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from casebase.cases.documents import ensure_city_collection
from casebase.cases.models import CaseLibraryPage, CityIndexPage

from . import notifications, workflow
from .roles import PROVINCE_ADMINS, SUBMITTER_PAGE_PERMISSIONS, submitter_group_name

# Wagtail's built-in workflow e-mails are sent synchronously; ours go through a task.
WAGTAIL_NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


def connect():
    for signal, sender, uid in WAGTAIL_NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
    task_submitted.connect(notifications.task_started, dispatch_uid="casebase_task_started")
    workflow_rejected.connect(notifications.workflow_returned, dispatch_uid="casebase_workflow_returned")
    workflow_rejected.connect(workflow.restart_after_return, dispatch_uid="casebase_restart_after_return")
    workflow_approved.connect(notifications.workflow_finished, dispatch_uid="casebase_workflow_finished")


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_submitter_group(city_index: CityIndexPage) -> Group:
    """A city's submitters may add and edit cases in their own city's subtree only; publication
    goes through review."""
    group, _ = Group.objects.get_or_create(name=submitter_group_name(city_index.division.name))
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for codename in SUBMITTER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=city_index, permission=_permission("wagtailcore", codename)
        )
    ensure_city_collection(city_index.division.name, group)
    return group


@receiver(post_save, sender=CityIndexPage)
def city_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_submitter_group(instance)


@receiver(post_save, sender=CaseLibraryPage)
def library_saved(sender, instance, created, raw=False, **kwargs):
    """The library gets the review workflow; provincial administrators may edit published cases
    (to prepare a correction) but not publish them."""
    if created and not raw:
        workflow.assign_case_workflow(instance)
        GroupPagePermission.objects.get_or_create(
            group=Group.objects.get(name=PROVINCE_ADMINS), page=instance,
            permission=_permission("wagtailcore", "change_page"),
        )
