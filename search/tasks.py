"""Background tasks that carry publication changes to the index."""
import datetime
import logging

from django.utils import timezone
from django_tasks import task
from elastic_transport import TransportError
from elasticsearch import ApiError

from . import indexing
from .signals import case_indexed

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


@task()
def sync_case(page_id: int, attempt: int = 1) -> str:
    """Brings one case's index entry in line with the database. While Elasticsearch is
    unreachable, retries with exponential backoff (2 s, 4 s … up to about 4 minutes);
    the periodic sweep repairs whatever is still missing after that."""
    try:
        outcome = indexing.sync_case(page_id)
    except (TransportError, ApiError) as exc:
        if attempt >= MAX_ATTEMPTS or not sync_case.get_backend().supports_defer:
            logger.error("giving up indexing case %s after %s attempts (%s); the sweep will repair it", page_id, attempt, exc)
            raise
        delay = datetime.timedelta(seconds=2**attempt)
        logger.warning("indexing case %s failed (%s); retrying in %s", page_id, exc, delay)
        sync_case.using(run_after=timezone.now() + delay).enqueue(page_id, attempt + 1)
        return "retrying"
    case_indexed.send(sender=indexing.sync_case, page_id=page_id, public=outcome == "indexed", reason=outcome)
    return outcome
