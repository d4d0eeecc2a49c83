"""Related cases (相关案例) for a case page: more-like-this on the segmented text, combined with
shared provisions and violation types. Tuned for a corpus of hundreds to a few thousand
cases (terms count from their first occurrence). Results are cached per published revision
and filtered through `searchable_cases()`, so neither the case itself nor a withdrawn case
ever shows, even before the index has caught up."""
import logging

from django.conf import settings
from django.core.cache import cache

from .documents import SECTION_FIELDS, alias_name
from .indexing import searchable_cases
from .service import SearchUnavailable, elasticsearch_errors, search_client

logger = logging.getLogger(__name__)
RELATED_COUNT = 5
CACHE_SECONDS = 3600


def related_cases(case, count: int = RELATED_COUNT) -> list:
    """Up to `count` published CasePages like `case`, most similar first; [] when search is down."""
    key = f"casebase:related:{case.pk}:{case.live_revision_id}:{count}"
    page_ids = cache.get(key)
    if page_ids is None:
        try:
            page_ids = _similar_page_ids(case, count + 3)
        except SearchUnavailable:
            return []
        cache.set(key, page_ids, CACHE_SECONDS)
    # A related case shows its title, region and date: none of the relations the index reads.
    cases = searchable_cases().prefetch_related(None).exclude(pk=case.pk)
    found = cases.in_bulk([i for i in page_ids if i != case.pk])
    return [found[i] for i in page_ids if i in found][:count]


def related_query(page_id: int) -> dict:
    like = {"_index": alias_name(), "_id": str(page_id)}
    return {"bool": {
        "should": [
            {"more_like_this": {
                "fields": [f"{name}_seg" for name in ["title", *SECTION_FIELDS]], "like": [like],
                "min_term_freq": 1, "min_doc_freq": 2, "max_doc_freq": 200, "max_query_terms": 40,
                "minimum_should_match": "20%", "boost": 1.0,
            }},
            {"terms": {"violated": {"index": alias_name(), "id": str(page_id), "path": "violated"}, "boost": 3.0}},
            {"terms": {"provision": {"index": alias_name(), "id": str(page_id), "path": "provision"}, "boost": 1.0}},
            {"terms": {"violation_subtype": {"index": alias_name(), "id": str(page_id), "path": "violation_subtype"}, "boost": 1.0}},
            {"terms": {"violation_type": {"index": alias_name(), "id": str(page_id), "path": "violation_type"}, "boost": 1.5}},
        ],
        "must_not": [{"ids": {"values": [str(page_id)]}}],
        "minimum_should_match": 1,
    }}


def _similar_page_ids(case, size: int) -> list[int]:
    with elasticsearch_errors():
        response = search_client(settings.SEARCH_EXTRAS_TIMEOUT).search(index=alias_name(), query=related_query(case.pk), size=size, _source=["page_id"])
    return [hit["_source"]["page_id"] for hit in response["hits"]["hits"]]
