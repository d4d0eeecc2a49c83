"""Which published cases illustrate a guide: chosen at render time, so a guide stays current
as cases are published, corrected or withdrawn."""
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from casebase.cases.models import CaseCitation, CasePage
from casebase.laws.models import Provision

ILLUSTRATIONS_PER_VIOLATION = 3


def published_cases() -> QuerySet[CasePage]:
    return CasePage.objects.published().select_related("province", "city", "county", "industry")


def in_industries(cases: QuerySet[CasePage], industry_codes: Iterable[str]) -> QuerySet[CasePage]:
    """Cases classified under any of `industry_codes` (大类 such as C33) or one of their subclasses."""
    match = Q()
    for code in industry_codes:
        match |= Q(industry__code__startswith=code)
    return cases.filter(match) if match else cases.none()


def cases_for(provisions: Iterable[Provision], industry_codes: Iterable[str]) -> QuerySet[CasePage]:
    """Published cases of the given industries that violated one of `provisions`, newest first.

    A case matches at article level within the same law version: a guide citing 第四十五条
    finds cases that violated 第四十五条 or any of its paragraphs and items.
    """
    article_match = Q()
    for provision in provisions:
        article_match |= Q(
            citations__provision__version_id=provision.version_id,
            citations__provision__article=provision.article,
            citations__provision__sub_article=provision.sub_article,
        )
    if not article_match:
        return CasePage.objects.none()
    violated = published_cases().filter(article_match, citations__role=CaseCitation.Role.VIOLATED)
    return in_industries(violated, industry_codes).distinct().order_by("-decision_date", "-pk")
