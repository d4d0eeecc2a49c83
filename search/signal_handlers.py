"""Indexing follows publication: every change of a case's public state enqueues a sync
after the transaction commits, so a rolled-back publish never reaches the index.

Wagtail's page signals carry publication, unpublication and moves; the case's own signals
(`casebase.cases.signals`) carry withdrawals, commendations and imports."""
import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from casebase.cases import signals as case_signals
from casebase.cases.models import CasePage

from . import indexing
from .signals import case_indexed
from .tasks import sync_case

logger = logging.getLogger(__name__)


def enqueue_sync(page_id: int) -> None:
    """After the current transaction commits, enqueue the task that brings this case's index
    entry in line with the database. Call it whenever a case's public state may have changed
    (publish, unpublish, withdraw, correct, move, delete). Never raises into the caller's
    request: a failure to enqueue is logged and left to the periodic sweep. Cases written in a
    batch wait for `cases_imported`, which indexes them together."""
    if case_signals.in_batch():
        return
    transaction.on_commit(partial(_enqueue, page_id), robust=True)


def _enqueue(page_id: int) -> None:
    try:
        sync_case.enqueue(page_id)
    except Exception:
        logger.exception("could not enqueue the index sync of case %s; the sweep will repair it", page_id)


@receiver(page_published)
@receiver(page_unpublished)
def case_visibility_changed(sender, instance, **kwargs):
    if isinstance(instance, CasePage):
        enqueue_sync(instance.pk)


@receiver(post_page_move)
def case_moved(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, CasePage):
        enqueue_sync(instance.pk)


@receiver(post_delete)
def case_deleted(sender, instance, **kwargs):
    if isinstance(instance, CasePage):
        enqueue_sync(instance.pk)


@receiver(case_signals.case_withdrawn)
@receiver(case_signals.case_commended)
def case_procedure_changed(sender, instance, **kwargs):
    # A correction publishes its revision, which page_published already carries.
    enqueue_sync(instance.pk)


@receiver(case_signals.cases_imported)
def cases_imported(sender, page_ids, **kwargs):
    """Indexes the cases of one import in bulk and makes them searchable before returning."""
    cases = indexing.searchable_cases().filter(pk__in=page_ids)
    searchable = list(cases.values_list("pk", flat=True))
    if not searchable:  # drafts only: nothing to ask Elasticsearch
        return
    indexing.bulk_index(cases.iterator(chunk_size=200))
    indexing.refresh()
    for page_id in searchable:
        case_indexed.send(sender=indexing.bulk_index, page_id=page_id, public=True, reason="indexed")
