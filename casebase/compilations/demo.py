"""Demo disclosure: the 案例公示 page and one batch per half-year of the published demo cases."""
import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from casebase.cases.models import CasePage
from casebase.core.pages import ensure_section

from .models import DisclosureBatch, DisclosureEntry, DisclosurePage
from .periods import PeriodKind, period_range

DISCLOSURE_SLUG = "disclosure"


def ensure_disclosure_page(home: Page) -> DisclosurePage:
    return ensure_section(
        home, DisclosurePage, title="案例公示", slug=DISCLOSURE_SLUG,
        intro="<p>经审核发布的生态环境执法典型案例按批次向社会公示；案例更正或撤除的，在此一并公告。</p>",
    )


@transaction.atomic
def create_demo_disclosure(home: Page) -> None:
    """Idempotent: every published case not yet disclosed joins the batch of its decision half-year."""
    ensure_disclosure_page(home)
    disclosed = DisclosureEntry.objects.values("case")
    for case in CasePage.objects.published().exclude(pk__in=disclosed).order_by("decision_date", "pk"):
        batch = demo_batch(case.decision_date)
        DisclosureEntry.objects.create(batch=batch, case=case, sort_order=batch.entries.count())


def demo_batch(decided_on: datetime.date) -> DisclosureBatch:
    half = 1 if decided_on.month <= 6 else 2
    end = period_range(decided_on.year, PeriodKind.HALF, half)[1]
    batch, _ = DisclosureBatch.objects.get_or_create(
        year=decided_on.year, number=half, defaults={"published_on": min(end, timezone.localdate())},
    )
    return batch
