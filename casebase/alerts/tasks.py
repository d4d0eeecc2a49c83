"""Background tasks of the alerts (django-tasks, run by `manage.py db_worker`)."""
import datetime
import logging

from django.utils import timezone
from django_tasks import task

from search.service import SearchUnavailable

from . import alerting

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


@task()
def match_new_case(page_id: int, attempt: int = 1) -> int:
    """Matches a case the index just took in against every saved search. While Elasticsearch
    cannot answer, tries again after 1, 2, 4 … 16 minutes."""
    try:
        return alerting.match_case(page_id)
    except SearchUnavailable as exc:
        if attempt >= MAX_ATTEMPTS or not match_new_case.get_backend().supports_defer:
            logger.error("giving up matching case %s against saved searches after %s attempts: %s", page_id, attempt, exc)
            raise
        run_after = timezone.now() + datetime.timedelta(minutes=2 ** (attempt - 1))
        match_new_case.using(run_after=run_after).enqueue(page_id, attempt + 1)
        return 0


@task()
def send_daily_digests() -> int:
    return alerting.send_digests()
