"""The article browser (/search/articles/): the articles of every law with the number of
published cases that violated them or were decided under them, grouped by law, environmental
laws first. By default only the articles cases cite; a filter narrows by law name, article
number or words of the article.

Everything is read from the database (published cases only), so the page works without
Elasticsearch and agrees with the law pages."""
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.encoding import uri_to_iri

import nlp
from nlp.numerals import NUMERAL_CHARS, to_int

from .models import Law, LawVersion, Provision
from .resolve import find_laws

MAX_QUERY_LENGTH = 50
EXCERPT_LENGTH = 60
# A law is environmental when its title names what environmental law protects or regulates;
# the general laws (刑法, 行政处罚法, 行政强制法) follow them.
ENVIRONMENTAL_TITLE = re.compile(r"污染|环境|生态|排污|废物|污水|排水|流域|长江|黄河|海洋|噪声|土壤|核|放射|臭氧|清洁生产")
# 45, 第45条, 第四十五条, 四十五条: an article number (a bare Chinese numeral is too often a word).
ARTICLE_NUMBER = re.compile(rf"第?(\d+)条?|第([{NUMERAL_CHARS}]+)条?|([{NUMERAL_CHARS}]+)条")

ArticleId = tuple[int, int, int]  # (version, article, sub_article)


@dataclass
class ArticleRow:
    article: Provision
    url: str  # on its law page
    search_url: str  # the search for its cases
    violated: int = 0
    basis: int = 0

    @property
    def excerpt(self) -> str:
        text = self.article.text
        return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "…"


@lru_cache(maxsize=1)
def search_page_url() -> str:
    return reverse("search:page")


@dataclass
class VersionGroup:
    version: LawVersion
    rows: list[ArticleRow] = field(default_factory=list)

    def __post_init__(self):
        # Reversed once per version, not once per article: "all articles" has thousands of rows.
        self.url = uri_to_iri(self.version.get_absolute_url())
        self.search_url = search_page_url() + "?article="

    def row(self, article: Provision, counts: dict[str, int]) -> ArticleRow:
        search_url = self.search_url + uri_to_iri(quote(article.article_key, safe=""))
        return ArticleRow(article, f"{self.url}#{article.anchor}", search_url,
                          counts.get("violated", 0), counts.get("basis", 0))


@dataclass
class LawGroup:
    law: Law
    versions: list[VersionGroup] = field(default_factory=list)

    @property
    def environmental(self) -> bool:
        return bool(ENVIRONMENTAL_TITLE.search(self.law.title))

    @property
    def cited_articles(self) -> int:
        return sum(row.violated + row.basis > 0 for group in self.versions for row in group.rows)

    @property
    def article_count(self) -> int:
        return sum(len(group.rows) for group in self.versions)


def published_citations():
    from casebase.cases.models import CaseCitation, CasePage

    return CaseCitation.objects.filter(provision__isnull=False, page__in=CasePage.objects.published().values("pk"))


def case_counts() -> dict[ArticleId, dict[str, int]]:
    """Published cases per article (any paragraph or item of it) and role, in one query."""
    counts: dict[ArticleId, dict[str, int]] = defaultdict(dict)
    rows = (published_citations()
            .values("provision__version_id", "provision__article", "provision__sub_article", "role")
            .annotate(cases=Count("page", distinct=True)))
    for row in rows:
        key = (row["provision__version_id"], row["provision__article"], row["provision__sub_article"])
        counts[key][row["role"]] = row["cases"]
    return counts


def cited_only(articles: QuerySet[Provision], counts: dict[ArticleId, dict[str, int]]) -> QuerySet[Provision]:
    """The articles of `counts` (with the other 之一 articles of the same number, which the
    caller drops): one condition per law version, cheaper than a subquery per article."""
    numbers = defaultdict(set)
    for version_id, article, _ in counts:
        numbers[version_id].add(article)
    cited = Q()
    for version_id, articles_of_version in numbers.items():
        cited |= Q(version_id=version_id, article__in=articles_of_version)
    return articles.filter(cited) if cited else articles.none()


def matching(articles: QuerySet[Provision], query: str) -> QuerySet[Provision]:
    """Articles matching every part of `query`: a citation (大气法第四十五条, 环评法31条), a law's
    name (大气法, 水污染), an article number (45, 第四十五条) or words of the article text."""
    query = nlp.normalize(query)
    citations = nlp.find_citations(query)
    for citation in citations:
        articles = articles.filter(version__law__title=citation.law, article=citation.article)
    for citation in reversed(citations):
        query = query[:citation.start] + " " + query[citation.end:]
    terms = query.replace("《", " ").replace("》", " ").split()
    laws = find_laws(terms)
    for term in terms:
        articles = articles.filter(_term_match(term, laws[term]))
    return articles


def _term_match(term: str, law: Law | None) -> Q:
    number = ARTICLE_NUMBER.fullmatch(term)
    if number:
        return Q(article=to_int(next(group for group in number.groups() if group)))
    by_law = Q(version__law=law) if law else Q(version__law__title__contains=term)
    return by_law | Q(text__contains=term)


def browse(query: str = "", show_all: bool = False) -> list[LawGroup]:
    """The law groups to show: environmental laws first, then by the number of cited articles."""
    counts = case_counts()
    articles = Provision.objects.filter(paragraph__isnull=True, item__isnull=True)
    if not show_all:
        articles = cited_only(articles, counts)
    if query:
        articles = matching(articles, query[:MAX_QUERY_LENGTH])
    articles = articles.select_related("version__law").order_by("version__law_id", "-version__effective_on", "position")
    laws: dict[int, LawGroup] = {}
    for article in articles:
        if not show_all and (article.version_id, article.article, article.sub_article) not in counts:
            continue
        law = laws.setdefault(article.version.law_id, LawGroup(article.version.law))
        if not law.versions or law.versions[-1].version.pk != article.version_id:
            law.versions.append(VersionGroup(article.version))
        count = counts.get((article.version_id, article.article, article.sub_article), {})
        law.versions[-1].rows.append(law.versions[-1].row(article, count))
    return sorted(laws.values(), key=lambda g: (not g.environmental, -g.cited_articles, g.law.short_title))
