"""Who may see and download the documents attached to cases.

Documents live in one collection per city (created with the city's index page, beside its
submitter group). A document is public only while the live version of a published, not
withdrawn case links it; otherwise only the users who may work on it get it: the collection's
users (the city's submitters, provincial administrators), editors of a case that links it and
the reviewers whose task is current on such a case.
"""
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry
from wagtail.models import Collection, GroupCollectionPermission, WorkflowState

from .models import CaseAttachment, CasePage

# What a city's submitters may do with documents in their city's collection.
SUBMITTER_DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
WORKING_ACTIONS = ["add", "change", "choose"]


def city_collection_name(division_name: str) -> str:
    return f"{division_name}案例附件"


def ensure_city_collection(division_name: str, group: Group) -> Collection:
    """The city's document collection (under the root collection), usable by `group` only."""
    root = Collection.get_first_root_node()
    name = city_collection_name(division_name)
    collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
    for codename in SUBMITTER_DOCUMENT_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection,
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
        )
    return collection


def _policy():
    return policy_registry.get_by_type(get_document_model())


def public_document_ids():
    """Documents the live version of a published, not withdrawn case links."""
    return CaseAttachment.objects.filter(page__in=CasePage.objects.published()).values("document_id")


def is_public(document) -> bool:
    return public_document_ids().filter(document_id=document.pk).exists()


def documents_for(user):
    """The documents `user` may find in the admin (choosers, the admin API): those of the
    collections they work in."""
    return _policy().instances_user_has_any_permission_for(user, WORKING_ACTIONS)


def may_download(user, document) -> bool:
    if is_public(document):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if _policy().user_has_any_permission_for_instance(user, WORKING_ACTIONS, document):
        return True
    cases = CasePage.objects.filter(attachments__document=document)
    if any(case.permissions_for_user(user).can_edit() for case in cases):
        return True
    return any(_links(case, document) for case in _cases_user_reviews(user))


def _cases_user_reviews(user):
    """Cases whose current workflow task `user` may act on (reviewers read what they review)."""
    states = WorkflowState.objects.active().filter(
        content_type=ContentType.objects.get_for_model(CasePage),
    ).select_related("current_task_state__task")
    for state in states:
        task = state.current_task_state.task.specific if state.current_task_state else None
        case = CasePage.objects.filter(pk=state.object_id).first()
        if task is not None and case is not None and task.user_can_access_editor(case, user):
            yield case


def _links(case: CasePage, document) -> bool:
    """Whether the case's latest revision (what reviewers review) links the document."""
    latest = case.get_latest_revision_as_object()
    return any(attachment.document_id == document.pk for attachment in latest.attachments.all())
