"""Discretion reference (裁量参考): how published cases were fined for an article, or for a
violation type within an industry — count, minimum, quartiles, maximum, a histogram and the cases.
Reads the published cases in the database (`CasePage.objects.published()`), without the
relations the index reads: a reference shows each case's title, fine and link only."""
import statistics
from dataclasses import dataclass

from django.db.models import Q

from casebase.cases.fines import FINE_BANDS
from casebase.cases.models import CasePage
from casebase.laws.models import split_article_key



@dataclass
class FineReference:
    """`count` cases, of which `fined` carry a fine; the statistics are over the fines
    (None when there are none); `histogram` is [(label, count, percent of the fined)]."""

    count: int
    fined: int
    minimum: float | None
    lower_quartile: float | None
    median: float | None
    upper_quartile: float | None
    maximum: float | None
    histogram: list[tuple[str, int, int]]
    cases: list


def fine_reference(cases) -> FineReference:
    """Statistics of the fines of `cases` (CasePage objects); cases are listed highest fine first."""
    cases = sorted(cases, key=lambda c: (c.fine_yuan is None, -(c.fine_yuan or 0)))
    fines = sorted(float(c.fine_yuan) for c in cases if c.fine_yuan is not None)
    quartiles = statistics.quantiles(fines, n=4, method="inclusive") if len(fines) > 1 else fines * 3
    histogram = []
    for band in FINE_BANDS:
        n = sum(1 for f in fines if band.holds(f))
        histogram.append((band.label, n, round(100 * n / len(fines)) if fines else 0))
    return FineReference(
        count=len(cases), fined=len(fines),
        minimum=fines[0] if fines else None, maximum=fines[-1] if fines else None,
        lower_quartile=quartiles[0] if fines else None, median=quartiles[1] if fines else None,
        upper_quartile=quartiles[2] if fines else None,
        histogram=histogram, cases=cases,
    )


def for_article(article_key: str) -> FineReference:
    """Cases citing the article (violated or applied), e.g. 大气污染防治法@2018:108."""
    key = split_article_key(article_key)
    cases = CasePage.objects.published().filter(
        citations__provision__version__law__short_title=key.short_title,
        citations__provision__version__adopted_on__year=key.year,
        citations__provision__article=key.article,
        citations__provision__sub_article=key.sub_article,
    ).distinct()
    return fine_reference(cases)


def for_violation_type(violation_type: str, industry_code: str | None = None) -> FineReference:
    """Cases of a violation type (or subtype), optionally within an industry (any level of its code)."""
    cases = CasePage.objects.published().filter(
        Q(violation_types__name=violation_type) | Q(violation_types__parent__name=violation_type)
    )
    if industry_code:
        cases = cases.filter(industry__code__startswith=industry_code)
    return fine_reference(cases.distinct())
