"""Matching a newly published (or corrected) case against the saved searches, and the
notices and e-mails that follow. Runs in the worker (tasks.py), never in a publication."""
import logging
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils import timezone

from casebase.cases.models import CasePage
from casebase.review.notifications import send_review_mail
from search.matching import matching_searches
from search.params import InvalidParameter

from . import mail
from .models import AlertMatch, SavedSearch, params_of

logger = logging.getLogger(__name__)


def _searches_for(case: CasePage) -> dict[int, tuple[str, str]]:
    """The saved searches that may alert on `case` now, as pk → (query, frequency): those saved
    before this version was published (a search saved later finds it on its own) that have not
    matched it yet. Rows, not model instances: there may be tens of thousands."""
    searches = SavedSearch.objects.filter(created_at__lte=case.last_published_at, owner__is_active=True).exclude(
        matches__case=case, matches__revision_id=case.live_revision_id,
    )
    return {pk: (query, frequency) for pk, query, frequency in searches.values_list("pk", "query", "frequency").iterator(2000)}


def _valid_params(searches: dict[int, tuple[str, str]]) -> dict:
    params = {}
    for pk, (query, _) in searches.items():
        try:
            params[pk] = params_of(query)
        except InvalidParameter as error:  # saved under older rules: it cannot match until edited
            logger.warning("saved search %s skipped: %s", pk, error)
    return params


def is_corrected(case: CasePage) -> bool:
    return case.corrections.filter(revision_id=case.live_revision_id).exists()


def match_case(page_id: int) -> int:
    """Records a match for every saved search that finds case `page_id`, sends the instant
    e-mails; returns the number of new matches. A case that is not published (withdrawn since)
    matches nothing. Raises search.service.SearchUnavailable while Elasticsearch is down."""
    case = CasePage.objects.published().select_related("province", "city", "county").filter(pk=page_id).first()
    if case is None or case.last_published_at is None:
        return 0
    searches = _searches_for(case)
    matched = matching_searches(page_id, _valid_params(searches))
    matches = [
        AlertMatch(saved_search_id=pk, case=case, revision_id=case.live_revision_id,
                   delivery=AlertMatch.delivery_for(searches[pk][1]))
        for pk in sorted(matched)
    ]
    # A concurrent run for the same version (the case synced twice) records nothing twice.
    AlertMatch.objects.bulk_create(matches, ignore_conflicts=True)
    _send_instant(case)
    return len(matches)


def _send_instant(case: CasePage) -> None:
    """One e-mail per officer and case, naming each of their searches that found it."""
    pending = AlertMatch.objects.filter(
        case=case, revision_id=case.live_revision_id, delivery=AlertMatch.Delivery.INSTANT, emailed_at__isnull=True,
    )
    names = defaultdict(list)
    for owner, name in pending.order_by("saved_search__created_at", "saved_search_id").values_list(
            "saved_search__owner", "saved_search__name"):
        names[owner].append(name)
    if not names:
        return
    # Claimed before sending: a concurrent run for the same version finds nothing left to send.
    if not pending.update(emailed_at=timezone.now()):
        return
    corrected = is_corrected(case)
    for owner in get_user_model().objects.filter(pk__in=names, is_active=True).exclude(email=""):
        send_review_mail.enqueue([owner.email], *mail.instant_mail(case, names[owner.pk], corrected))


def send_digests() -> int:
    """The daily digest: one e-mail per officer with the matches of their daily searches not yet
    sent, of cases still published. Returns the number of e-mails sent."""
    pending = AlertMatch.objects.filter(delivery=AlertMatch.Delivery.DAILY, emailed_at__isnull=True)
    published = set(CasePage.objects.published().filter(pk__in=pending.values("case")).values_list("pk", flat=True))
    by_owner = defaultdict(lambda: defaultdict(list))
    related = pending.select_related("saved_search__owner", "case__province", "case__city", "case__county")
    matches = list(related.order_by("created_at", "saved_search__created_at", "saved_search_id"))
    for match in matches:
        if match.case_id in published:
            by_owner[match.saved_search.owner][match.case].append(match.saved_search.name)
    # Asked once per case, however many officers' digests carry it.
    corrected = {case.pk: is_corrected(case) for cases in by_owner.values() for case in cases}
    sent = 0
    for owner, cases in by_owner.items():
        if owner.email and owner.is_active:
            items = [(case, names, corrected[case.pk]) for case, names in cases.items()]
            send_review_mail.enqueue([owner.email], *mail.digest_mail(items))
            sent += 1
    # Withdrawn cases are dropped from the digest for good, sent ones are done; matches recorded
    # meanwhile wait for the next digest.
    AlertMatch.objects.filter(pk__in=[m.pk for m in matches]).update(emailed_at=timezone.now())
    return sent


def notices_for(user):
    """The user's unread in-app notices: matches of their alerting searches, of cases still published."""
    return AlertMatch.objects.filter(
        saved_search__owner=user, read_at__isnull=True, case__in=CasePage.objects.published(),
    ).exclude(delivery=AlertMatch.Delivery.NONE)


def mark_read(matches) -> int:
    return matches.filter(read_at__isnull=True).update(read_at=timezone.now())
