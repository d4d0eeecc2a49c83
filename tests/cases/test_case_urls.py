"""A case's public URL is its ref as an ASCII slug (zj-2024-0113), whatever its title; it changes
only with the ref, and the old URL then redirects to the case."""
import importlib
import re
from io import BytesIO

import pytest
from django.apps import apps
from django.urls import reverse
from pdfminer.high_level import extract_text
from wagtail.test.utils.form_data import inline_formset

from casebase.cases.models import CasePage
from tests.editor import edit_form_data
from tests.factories import create_case

pytestmark = pytest.mark.django_db

CHINESE_TITLE = "杭州某化工有限公司未密闭收集挥发性有机物废气案"


def refreshed(case) -> CasePage:
    return CasePage.objects.get(pk=case.pk)


def publish_with_ref(case, ref: str, on_commit) -> CasePage:
    """Edits the ref of `case` and publishes the edit, running what Wagtail runs after the commit."""
    draft = refreshed(case).get_latest_revision_as_object()
    draft.ref = ref
    with on_commit(execute=True):
        draft.save_revision().publish()
    return refreshed(case)


def test_a_case_written_in_the_editor_takes_its_ref_not_its_title(login, library, search_index):
    existing = create_case(ref="T-URL-1")
    client = login("city_hangzhou")
    city_index = existing.get_parent()
    data = edit_form_data(
        existing, action=None, ref="ZJ-2024-0113", title="某电镀厂新案", slug="某电镀厂新案",  # what the admin's script fills in
        citations=inline_formset([{"role": "violated", "law_title": "中华人民共和国大气污染防治法", "article": 45,
                                   "paragraph": "", "item": ""}]),
    )
    response = client.post(reverse("wagtailadmin_pages:add", args=["cases", "casepage", city_index.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = CasePage.objects.get(ref="ZJ-2024-0113")
    assert case.slug == "zj-2024-0113"
    assert case.url_path.endswith("/杭州市/zj-2024-0113/")


def test_a_new_ref_moves_the_url_and_the_old_url_redirects(client, library, search_index,
                                                           django_capture_on_commit_callbacks):
    case = create_case(ref="ZJ-2024-0113", title=CHINESE_TITLE)
    old_url = case.url
    assert old_url.endswith("/zj-2024-0113/")
    moved = publish_with_ref(case, "ZJ-2024-0120", django_capture_on_commit_callbacks)
    assert moved.slug == "zj-2024-0120"
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == moved.url
    assert client.get(moved.url).status_code == 200
    # A new revision with the same ref keeps the URL: the title plays no part.
    create_case(ref="ZJ-2024-0120", title="标题更正后的案例")
    assert refreshed(case).url == moved.url


def test_a_draft_with_a_provisional_ref_is_published_under_its_final_ref(library, search_index,
                                                                        django_capture_on_commit_callbacks):
    draft = create_case(ref="330100-20241106-7K3Q", publish=False)
    assert draft.slug == "330100-20241106-7k3q"
    published = publish_with_ref(draft, "ZJ-2024-0300", django_capture_on_commit_callbacks)
    assert published.live and published.url.endswith("/zj-2024-0300/")


def test_the_data_migration_reslugs_existing_cases_and_redirects_their_old_urls(client, library, search_index):
    case = create_case(ref="ZJ-2023-0007")
    old_url_path = case.url_path.replace("/zj-2023-0007/", f"/{CHINESE_TITLE}/")
    CasePage.objects.filter(pk=case.pk).update(slug=CHINESE_TITLE, url_path=old_url_path)
    old_url = refreshed(case).url
    assert client.get(old_url).status_code == 200  # as a case created in the editor was served

    migration = importlib.import_module("casebase.cases.migrations.0006_case_slugs_from_refs")
    migration.reslug_cases(apps, None)

    case = refreshed(case)
    assert case.slug == "zj-2023-0007"
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == case.url
    migration.reslug_cases(apps, None)  # a second run changes nothing
    assert refreshed(case).url == case.url


def test_the_case_pdf_prints_its_link_readable(client, library, search_index):
    case = create_case(ref="ZJ-2024-0113", city="杭州市")
    response = client.get(reverse("case_pdf", args=[case.ref]))
    text = re.sub(r"\s+", "", extract_text(BytesIO(response.content)))
    assert "网上版本：http://testserver/cases/杭州市/zj-2024-0113/" in text
    assert "%E6" not in text
