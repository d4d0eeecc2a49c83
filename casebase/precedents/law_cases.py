"""Law ↔ case (法条联想), version-aware: which published cases violated each article of a
law version, and which were decided under it. Reads the published cases in the database
(`CasePage.objects.published()`, what search indexes), so law pages agree with search and work
without Elasticsearch."""
from collections import defaultdict
from dataclasses import dataclass, field

from casebase.cases.models import CaseCitation, CasePage

ArticleId = tuple[int, int]  # (article, sub_article)


@dataclass
class ArticleCases:
    violated: list = field(default_factory=list)
    basis: list = field(default_factory=list)

    def all_cases(self) -> list:
        """Every case citing the article, each once, highest fine first."""
        unique = {case.pk: case for case in [*self.violated, *self.basis]}
        return sorted(unique.values(), key=lambda c: (c.fine_yuan is None, -(c.fine_yuan or 0), c.title))


def _citations(**filters):
    return CaseCitation.objects.filter(provision__isnull=False, page__in=CasePage.objects.published().values("pk"), **filters)


def cases_by_article(version) -> dict[ArticleId, ArticleCases]:
    """The published cases citing each article of `version` (a LawVersion), by role."""
    by_article: dict[ArticleId, ArticleCases] = defaultdict(ArticleCases)
    citations = _citations(provision__version=version).select_related("provision", "page__province", "page__city")
    for citation in citations.order_by("-page__decision_date", "page_id"):
        entry = by_article[(citation.provision.article, citation.provision.sub_article)]
        cases = entry.violated if citation.role == "violated" else entry.basis
        if all(case.pk != citation.page_id for case in cases):
            cases.append(citation.page)
    return dict(by_article)
