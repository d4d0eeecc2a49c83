"""Related cases (相关案例) for a case page: more-like-this on the segmented text, combined with
shared provisions and violation types. Tuned for a corpus of hundreds to a few thousand
cases (terms count from their first occurrence). Results are cached per published revision
and filtered through `searchable_cases()`, so neither the case itself nor a withdrawn case
ever shows, even before the index has caught up."""
import logging

from django.core.cache import cache

from .indexing import searchable_cases
from .service import SearchUnavailable, similar_case_ids

logger = logging.getLogger(__name__)
RELATED_COUNT = 5
CACHE_SECONDS = 3600


def related_cases(case, count: int = RELATED_COUNT) -> list:
    """Up to `count` published CasePages like `case`, most similar first; [] when search is down."""
    key = f"casebase:related:{case.pk}:{case.live_revision_id}:{count}"
    page_ids = cache.get(key)
    if page_ids is None:
        try:
            page_ids = similar_case_ids(case.pk, count + 3)
        except SearchUnavailable:
            return []
        cache.set(key, page_ids, CACHE_SECONDS)
    # A related case shows its title, region and date: none of the relations the index reads.
    cases = searchable_cases().prefetch_related(None).exclude(pk=case.pk)
    found = cases.in_bulk([i for i in page_ids if i != case.pk])
    return [found[i] for i in page_ids if i in found][:count]
