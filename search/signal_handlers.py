"""Indexing follows publication: every change of a case's public state enqueues a sync
after the transaction commits, so a rolled-back publish never reaches the index."""
import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .tasks import sync_case

logger = logging.getLogger(__name__)


def enqueue_sync(page_id: int) -> None:
    """After the current transaction commits, enqueue the task that brings this case's index
    entry in line with the database. Call it whenever a case's public state may have changed
    (publish, unpublish, withdraw, correct, move, delete). Never raises into the caller's
    request: a failure to enqueue is logged and left to the periodic sweep."""
    transaction.on_commit(partial(_enqueue, page_id), robust=True)


def _enqueue(page_id: int) -> None:
    try:
        sync_case.enqueue(page_id)
    except Exception:
        logger.exception("could not enqueue the index sync of case %s; the sweep will repair it", page_id)


def _is_case(instance) -> bool:
    from casebase.cases.models import CasePage

    return isinstance(instance, CasePage)


@receiver(page_published)
@receiver(page_unpublished)
def case_visibility_changed(sender, instance, **kwargs):
    if _is_case(instance):
        enqueue_sync(instance.pk)


@receiver(post_page_move)
def case_moved(sender, instance, **kwargs):
    if _is_case(instance.specific_deferred):
        enqueue_sync(instance.pk)


@receiver(post_delete)
def case_deleted(sender, instance, **kwargs):
    if _is_case(instance):
        enqueue_sync(instance.pk)
