"""The page cache (casebase.core.page_cache): public pages served to anonymous visitors from the
shared `pages` cache (the database cache here), made stale by every change of what they show,
through the real publish, withdrawal, correction and commendation paths.

The suite renders every page (PAGE_CACHE_SECONDS = 0); these tests turn the cache on. Pages are
made stale once a transaction commits, so every change runs inside
`django_capture_on_commit_callbacks(execute=True)`, as it would commit in a request.
"""
import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from casebase.cases.models import CasePage
from casebase.core.page_cache import STATUS_HEADER, one_invalidation_at_the_end
from casebase.review.models import CaseChangeRequest
from casebase.taxonomy.models import Measure
from tests.editor import edit
from tests.factories import create_case
from tests.review.test_changes import approve_change, request_change

pytestmark = pytest.mark.django_db

TITLE = "杭州某化工有限公司未密闭收集挥发性有机物废气案"  # create_case's default


@pytest.fixture
def published(accounts, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_case(ref="ZJ-2024-0950")


@pytest.fixture
def anonymous(published, settings):
    """A visitor without cookies, once the site and its case exist and the cache is on. (Only
    then: a change made outside `django_capture_on_commit_callbacks` would wait for a commit
    that never comes, and the pages would stay as they were, as they would in production.)"""
    settings.PAGE_CACHE_SECONDS = 300
    return Client()


def cached(client, url) -> str:
    """The page's HTML, after making sure the second request was served from the cache."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200 and response[STATUS_HEADER] == "hit", url
    return response.content.decode()


def test_a_cached_case_page_is_served_with_one_query_and_unchanged(anonymous, published, django_assert_max_num_queries):
    first = anonymous.get(published.url)
    assert first.status_code == 200 and first[STATUS_HEADER] == "miss"
    with django_assert_max_num_queries(1):  # the generation and the page, read together
        hit = anonymous.get(published.url)
    assert hit[STATUS_HEADER] == "hit"
    assert hit.content == first.content and "基本案情" in hit.content.decode()
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_withdrawal_through_review_leaves_no_cached_page_showing_the_case(
    login, anonymous, published, django_capture_on_commit_callbacks
):
    city = published.get_parent().url
    for url in ["/", "/cases/", city]:
        assert TITLE in cached(anonymous, url), url
    assert "基本案情" in cached(anonymous, published.url)

    admin = login("province_admin")
    with django_capture_on_commit_callbacks(execute=True):
        assert request_change(admin, published, "withdraw", "该案例所涉处罚决定已被依法撤销。").status_code == 302
        approve_change(login, CaseChangeRequest.objects.get())
    assert CasePage.objects.get(pk=published.pk).is_withdrawn

    page = anonymous.get(published.url)
    assert page[STATUS_HEADER] == "miss"
    html = page.content.decode()
    assert "本案例已于" in html and "基本案情" not in html
    for url in ["/", "/cases/", city]:
        assert TITLE not in anonymous.get(url).content.decode(), url


def test_publishing_a_case_shows_it_on_cached_listings(anonymous, published, django_capture_on_commit_callbacks):
    assert "ZJ-2024-0951" not in cached(anonymous, "/cases/")
    with django_capture_on_commit_callbacks(execute=True):
        newer = create_case(ref="ZJ-2024-0951", title="温州某印染有限公司超标排放废水案")
    assert newer.title in anonymous.get("/cases/").content.decode()


def test_a_correction_and_a_commendation_show_at_once(login, anonymous, published, django_capture_on_commit_callbacks):
    assert "（更正）" not in cached(anonymous, published.url)
    assert TITLE not in cached(anonymous, "/cases/?commended=1")
    admin = login("province_admin")
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(admin, published, action=None, title=f"{TITLE}（更正）").status_code == 302
    assert "（更正）" not in anonymous.get(published.url).content.decode()  # a draft is not public
    with django_capture_on_commit_callbacks(execute=True):
        request_change(admin, published, "correct", "原文处罚金额表述有误，予以更正。")
        approve_change(login, CaseChangeRequest.objects.get())
    assert "更正：原文处罚金额表述有误，予以更正。" in anonymous.get(published.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("review_commend", args=[published.pk]), {"commendation": "杭州市生态环境局余杭分局"})
    assert response.status_code == 302
    assert "受表扬单位：杭州市生态环境局余杭分局" in anonymous.get(published.url).content.decode()
    assert "（更正）" in anonymous.get("/cases/?commended=1").content.decode()


def test_a_signed_in_user_never_receives_the_cached_anonymous_page(login, anonymous, published):
    assert TITLE in cached(anonymous, published.url)
    # Changed behind the cache's back (`.update()` sends no signal): only a render shows it.
    CasePage.objects.filter(pk=published.pk).update(title="只在重新渲染时可见的标题")
    signed_in = login("city_hangzhou")
    response = signed_in.get(published.url)
    assert response.status_code == 200 and STATUS_HEADER not in response
    assert "只在重新渲染时可见的标题" in response.content.decode()
    # Nor is the signed-in visitor's page kept for anonymous visitors.
    assert TITLE in cached(anonymous, published.url)


def test_pages_with_a_form_a_private_query_or_a_search_are_never_kept(anonymous, published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=published, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    for _ in range(2):  # the password form carries a CSRF token and sets its cookie
        response = Client().get(published.url)
        assert 'name="csrfmiddlewaretoken"' in response.content.decode() and response.cookies
        assert STATUS_HEADER not in response
    for url in ["/cases/?q=废气", "/search/?q=废气", "/laws/?preview=1"]:
        anonymous.get(url)
        assert STATUS_HEADER not in anonymous.get(url), url
    cached(anonymous, "/cases/?page=1&commended=1")  # the listings' own parameters are public


def test_a_bulk_load_makes_the_pages_stale_once_at_its_end(anonymous, django_capture_on_commit_callbacks):
    cached(anonymous, "/cases/")
    with django_capture_on_commit_callbacks(execute=True):
        with one_invalidation_at_the_end():
            Measure.objects.create(name="页面缓存测试措施一")
            Measure.objects.create(name="页面缓存测试措施二")
            assert anonymous.get("/cases/")[STATUS_HEADER] == "hit"
    assert anonymous.get("/cases/")[STATUS_HEADER] == "miss"
