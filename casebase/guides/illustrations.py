"""Which published cases illustrate a guide: chosen at render time, so a guide stays current
as cases are published, corrected or withdrawn."""
from collections.abc import Iterable
from typing import NamedTuple

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from casebase.cases.models import CaseCitation, CasePage
from casebase.laws.models import Provision

ILLUSTRATIONS_PER_VIOLATION = 3


def published_cases() -> QuerySet[CasePage]:
    return CasePage.objects.published().select_related("province", "city", "county", "industry")


def in_industries_q(industry_codes: Iterable[str]) -> Q:
    """Classified under any of `industry_codes` (大类 such as C33) or one of their subclasses;
    matches nothing when there is no code."""
    match = Q()
    for code in industry_codes:
        match |= Q(industry__code__startswith=code)
    return match or Q(pk__in=[])


def in_industries(cases: QuerySet[CasePage], industry_codes: Iterable[str]) -> QuerySet[CasePage]:
    """Cases classified under any of `industry_codes` (大类 such as C33) or one of their subclasses."""
    return cases.filter(in_industries_q(industry_codes))


def violating(provisions: Iterable[Provision]) -> QuerySet[CasePage]:
    """Published cases that violated one of `provisions`, of any industry, newest first.

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
    return violated.distinct().order_by("-decision_date", "-pk")


def cases_for(provisions: Iterable[Provision], industry_codes: Iterable[str]) -> QuerySet[CasePage]:
    """Published cases of the given industries that violated one of `provisions`, newest first."""
    return in_industries(violating(provisions), industry_codes)


class Illustrations(NamedTuple):
    cases: list[CasePage]
    from_other_industries: bool  # no case of the guide's own industries violated the provisions


def illustrations_for(provisions: Iterable[Provision], industry_codes: Iterable[str],
                      limit: int = ILLUSTRATIONS_PER_VIOLATION) -> Illustrations:
    """The cases of the guide's own industries; when there are none, those of any other
    industry under the same provisions (an enterprise learns as much from a neighbour's case)."""
    # One query: the guide's own industries sort first, so when the first case found is not
    # of them, none is, and the neighbours' cases are the ones shown.
    own_industry = ExpressionWrapper(in_industries_q(industry_codes), output_field=BooleanField())
    found = list(violating(provisions).annotate(own_industry=own_industry)
                 .order_by("-own_industry", "-decision_date", "-pk")[:limit])
    if found and found[0].own_industry:
        return Illustrations([case for case in found if case.own_industry], from_other_industries=False)
    return Illustrations(found, from_other_industries=True)
