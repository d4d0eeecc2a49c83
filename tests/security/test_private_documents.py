"""Documents attached to cases: public only while a published, not withdrawn case links them;
each city's documents are in its own collection, which only its submitters (and provincial
administrators) work in."""
import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset

from casebase.cases.documents import city_collection_name
from casebase.cases.models import CaseAttachment, CasePage
from tests.editor import edit
from tests.factories import create_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% attachment of a case\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def attached_document(case, title: str) -> Document:
    collection = Collection.objects.get(name=city_collection_name(case.city.name))
    document = Document.objects.create(title=title, file=ContentFile(PDF, name="attachment.pdf"), collection=collection)
    CaseAttachment.objects.create(page=case, document=document, caption="现场照片")
    return document


@pytest.fixture
def wenzhou_draft_document(accounts):
    return attached_document(create_case(publish=False, city="温州市", county="鹿城区"), "温州草稿附件印染")


def test_each_city_has_its_own_collection_for_its_submitters(accounts):
    for city in ("杭州市", "温州市"):
        collection = Collection.objects.get(name=city_collection_name(city))
        groups = set(collection.group_permissions.values_list("group__name", flat=True))
        assert groups == {f"{city}案例报送员"}


def test_anonymous_visitors_cannot_download_a_draft_attachment(client, wenzhou_draft_document):
    response = client.get(wenzhou_draft_document.url)
    assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login") + "?next=")


def test_another_city_neither_lists_nor_downloads_a_draft_attachment(login, wenzhou_draft_document):
    client = login("city_hangzhou")
    listing = client.get("/admin/api/main/documents/").json()
    assert listing["meta"]["total_count"] == 0
    assert client.get(f"/admin/api/main/documents/{wenzhou_draft_document.pk}/").status_code == 404
    assert client.get(wenzhou_draft_document.url).status_code == 404
    assert wenzhou_draft_document.title not in client.get(reverse("wagtaildocs:index")).content.decode()
    assert wenzhou_draft_document.title not in client.get(reverse("wagtaildocs_chooser:choose")).content.decode()


def test_the_own_city_and_the_province_list_and_download_it(login, wenzhou_draft_document):
    for username in ("city_wenzhou", "province_admin"):
        client = login(username)
        titles = [d["title"] for d in client.get("/admin/api/main/documents/").json()["items"]]
        assert titles == [wenzhou_draft_document.title], username
        response = client.get(wenzhou_draft_document.url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF, username


def test_reviewers_download_the_attachments_of_the_case_they_review(login, accounts):
    case = create_case(publish=False, city="温州市", county="鹿城区")
    document = attached_document(case, "送审附件")
    assert login("reviewer_business").get(document.url).status_code == 404  # not submitted yet
    attachments = inline_formset([{"id": a.pk, "document": a.document_id, "caption": a.caption} for a in case.attachments.all()], initial=1)
    assert edit(login("city_wenzhou"), case, attachments=attachments).status_code == 302
    assert login("reviewer_business").get(document.url).status_code == 200
    assert login("reviewer_legal").get(document.url).status_code == 404  # not their step yet


def test_a_published_case_attachment_is_public_until_withdrawn(client, accounts):
    case = create_case(publish=True, city="温州市", county="鹿城区")
    document = attached_document(case, "公开附件")
    assert client.get(document.url).status_code == 200
    CasePage.objects.filter(pk=case.pk).update(withdrawn_on=datetime.date(2025, 1, 2))
    assert client.get(document.url).status_code == 302


def test_a_submitter_uploads_into_the_own_city_collection_only(login, accounts):
    response = login("city_wenzhou").post(reverse("wagtaildocs:add"), {
        "title": "鹿城区现场检查记录", "file": SimpleUploadedFile("record.pdf", PDF, "application/pdf"),
    })
    assert response.status_code == 302
    assert Document.objects.get(title="鹿城区现场检查记录").collection.name == city_collection_name("温州市")
