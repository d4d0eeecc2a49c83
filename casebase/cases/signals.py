"""What happens to a case besides Wagtail's own page signals (page_published, page_unpublished,
post_page_move carry publication and moves). Apps that follow cases listen here; search keeps
its index in line through them, so that casebase.cases never imports search.

Each signal is sent after the database changed, inside the caller's transaction: a receiver
that reaches another service waits for the commit (search's do).
"""
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

# sender=CasePage, instance=the case, reason=why (text). The case left every public listing.
case_withdrawn = Signal()
# sender=CasePage, instance=the case, unit=the unit commended (text). 优秀典型案例.
case_commended = Signal()
# sender=CasePage, instance=the case, correction=the Correction (its revision is already published).
case_corrected = Signal()
# sender=CaseImporter, page_ids=the cases published or commended by one import. Receivers do their
# per-case work here, for all of them at once; it returns when it is done (CONTRACTS §4: imported
# cases are searchable when the command returns).
cases_imported = Signal()

_in_batch: ContextVar[bool] = ContextVar("cases_written_in_a_batch", default=False)


@contextmanager
def batch() -> Iterator[None]:
    """Cases written inside are announced together afterwards by `cases_imported`, so receivers
    of the per-case signals (Wagtail's page_published among them) may leave their work to it."""
    token = _in_batch.set(True)
    try:
        yield
    finally:
        _in_batch.reset(token)


def in_batch() -> bool:
    return _in_batch.get()
