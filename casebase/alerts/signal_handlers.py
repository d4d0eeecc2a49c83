"""Officer groups follow the cities; matching follows the index."""
import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from casebase.cases.models import CityIndexPage
from search.signals import case_indexed

from .officers import ensure_officer_group
from .tasks import match_new_case

logger = logging.getLogger(__name__)


@receiver(post_save, sender=CityIndexPage)
def city_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_officer_group(instance)


@receiver(case_indexed)
def case_now_public(sender, page_id: int, public: bool, **kwargs):
    """sync_case indexed a case (published, corrected, or re-indexed): match it against the saved
    searches in a task of its own, so that neither publication nor indexing waits for it."""
    if not public:
        return
    try:
        match_new_case.enqueue(page_id)
    except Exception:  # the case is published and indexed whatever happens to its alerts
        logger.exception("could not enqueue the alert matching of case %s", page_id)
