"""Query budgets of the public pages (issue 15): each page, rendered for an anonymous visitor,
takes at most its budget of database queries, and the same number with one published case
as with more than a listing page of them — no query per case shown.

Each page is requested twice and the second request is measured: the first fills what Wagtail
keeps in the cache for every later request (the site's root paths). Related cases are found in
Elasticsearch (no database query), then read from the database: that read is counted.
"""
import pytest
from wagtail.models import PageViewRestriction

from casebase.cases.models import CasePage
from casebase.guides.loader import load_guides
from casebase.guides.models import IndustryGuidePage
from search import indexing
from tests.factories import create_case

pytestmark = pytest.mark.django_db

MANY = 21  # more than a listing page (20)
HOME, LISTING, GUIDE, CASE = 10, 10, 20, 15
WATER_LAW = "中华人民共和国水污染防治法"


def publish_cases(first: int, count: int) -> None:
    """`count` published Hangzhou cases of two industries, half of them commended, each with
    several measures, violation types and keywords (what a page would load one by one), indexed."""
    for number in range(first, first + count):
        create_case(
            ref=f"QB-{number:04d}", commended=number % 2 == 0, industry="C3360" if number % 3 else "C26",
            keywords=["重金属", f"关键词{number}"], measures=["罚款", "责令改正"], violation_types=["水污染", "大气污染"],
            violated=[{"law": WATER_LAW, "article": 10, "paragraph": None, "item": None}],
            penalty_basis=[{"law": WATER_LAW, "article": 83, "paragraph": None, "item": 2}],
        )
    indexing.sweep()


def queries_of(client, url, budget, django_assert_max_num_queries) -> tuple[int, str]:
    """The number of queries the second request of `url` takes (at most `budget`), and its HTML."""
    assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


@pytest.fixture
def site(library, search_index):
    load_guides(library.get_parent().specific)
    return library


def pages(site) -> dict[str, tuple[str, int]]:
    """url and budget of each public page, on the newest case."""
    case = CasePage.objects.order_by("-pk").first()
    guide = IndustryGuidePage.objects.get(slug="electroplating")
    return {
        "home": ("/", HOME),
        "library": (site.url, LISTING),
        "library, commended": (site.url + "?commended=1", LISTING),
        "city": (case.get_parent().url, LISTING),
        "guide": (guide.url, GUIDE),
        "case": (case.url, CASE),
    }


LISTED_PAGES = ["home", "library", "library, commended", "city", "guide"]


def test_pages_stay_within_their_budgets_whatever_the_number_of_cases(client, site, django_assert_max_num_queries):
    publish_cases(0, 1)
    with_one = {page: queries_of(client, url, budget, django_assert_max_num_queries)[0]
                for page, (url, budget) in pages(site).items() if page in LISTED_PAGES}
    publish_cases(1, MANY - 1)
    with_many = {}
    for page, (url, budget) in pages(site).items():
        if page in LISTED_PAGES:
            with_many[page], html = queries_of(client, url, budget, django_assert_max_num_queries)
            assert "杭州某化工" in html, f"{page} shows the cases it is measured with"
    assert with_many == with_one, f"queries with 1 case: {with_one}; with {MANY}: {with_many}"


def test_case_page_within_its_budget_whatever_the_number_of_cases(client, site, django_assert_max_num_queries):
    """Routing, the case and its relations, 裁量参考 (the cases citing its article: one query)
    and 相关案例 (read from the database after Elasticsearch found them: one query)."""
    publish_cases(0, 2)  # two, so that the newest has a related case already
    url, budget = pages(site)["case"]
    with_two, html = queries_of(client, url, budget, django_assert_max_num_queries)
    assert 'id="related-heading"' in html and "裁量参考" in html and "已发布案例 <strong>2</strong> 件" in html
    publish_cases(2, MANY - 2)
    url, budget = pages(site)["case"]
    with_many, html = queries_of(client, url, budget, django_assert_max_num_queries)
    assert 'id="related-heading"' in html and f"已发布案例 <strong>{MANY}</strong> 件" in html
    assert with_many == with_two


def test_view_restrictions_still_hold_on_every_level(client, site):
    """The case pages read their view restrictions in one query (OneQueryViewRestrictions):
    a restriction on the case, on its city or on the library still keeps anonymous visitors out."""
    publish_cases(0, 1)
    case = CasePage.objects.get()
    assert client.get(case.url).status_code == 200
    for restricted in [case, case.get_parent(), site]:
        restriction = PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
        response = client.get(case.url)
        assert response.status_code == 302 and "login" in response["Location"], restricted
        restriction.delete()
    assert client.get(case.url).status_code == 200


def test_published_cases_leave_out_view_restricted_ones_as_wagtail_does(site):
    """`published()` now excludes restricted pages in a subquery; the rule stays Wagtail's `public()`."""
    publish_cases(0, 3)
    restricted, _, other = CasePage.objects.order_by("pk")

    def wagtail_rule():  # public() reads the restrictions when called
        return set(CasePage.objects.live().public().filter(withdrawn_on__isnull=True))

    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    assert restricted not in CasePage.objects.published() and other in CasePage.objects.published()
    assert set(CasePage.objects.published()) == wagtail_rule()
    PageViewRestriction.objects.create(page=other.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert not CasePage.objects.published().exists() and not wagtail_rule()
