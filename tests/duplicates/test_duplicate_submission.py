"""Above the threshold a submission needs a confirmation with a reason, which is stored and shown
to the reviewers with the panel and the coverage; a document import warns at once."""
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casebase.cases.models import CityIndexPage
from casebase.review.models import DuplicateConfirmation
from search import indexing
from tests.duplicates.drafts import draft_like
from tests.duplicates.test_near_duplicate_check import UNRELATED
from tests.editor import current_task_state, edit
from tests.factories import create_case
from tests.intake.sample_documents import WRITE_UP, docx_bytes

pytestmark = pytest.mark.django_db
REASON = "当事人不同：本案为杭州另一家新材料企业，违法事实另行查实"


def editor_html(client, case) -> str:
    return client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content.decode()


def test_the_submitter_sees_the_similar_published_case_in_the_editor(published, login, accounts):
    client = login("city_hangzhou")
    copy = draft_like("RD-001", accounts["city_hangzhou"])
    html = editor_html(client, copy)
    assert "相似案例" in html and published["RD-001"].title in html and "高度相似" in html
    assert published["RD-001"].url in html


def test_above_the_threshold_submission_needs_a_confirmation_and_a_reason(published, login, accounts):
    client = login("city_hangzhou")
    copy = draft_like("RD-001", accounts["city_hangzhou"])

    refused = edit(client, copy)
    assert refused.status_code == 200 and current_task_state(copy) is None
    assert "本案例与已有案例高度相似" in refused.content.decode()
    assert published["RD-001"].title in refused.content.decode()

    without_reason = edit(client, copy, duplicate_confirmed="on", duplicate_reason="  ")
    assert current_task_state(copy) is None
    assert "请填写确认理由" in without_reason.content.decode()

    accepted = edit(client, copy, duplicate_confirmed="on", duplicate_reason=REASON)
    assert accepted.status_code == 302 and current_task_state(copy) is not None
    confirmation = DuplicateConfirmation.objects.get(page=copy)
    assert confirmation.reason == REASON and confirmation.user == accounts["city_hangzhou"]
    assert [item["ref"] for item in confirmation.similar] == ["RD-001"]


def test_the_reviewer_sees_the_panel_the_reason_and_the_coverage(published, login, accounts):
    copy = draft_like("RD-009", accounts["city_hangzhou"])
    assert edit(login("city_hangzhou"), copy, duplicate_confirmed="on", duplicate_reason=REASON).status_code == 302

    html = editor_html(login("reviewer_business"), copy)
    assert "提交人已确认不是重复报送" in html and REASON in html
    assert published["RD-009"].title in html  # the panel, with the similar published case
    # RD-009 and RD-010: two published noise cases under 噪声污染防治法 article 22.
    assert "《中华人民共和国噪声污染防治法》第二十二条 · 噪声污染：已发布 2 件" in html
    assert "已有两件以上" in html
    assert 'name="duplicate_confirmed"' not in html  # the confirmation was the submitter's


def test_below_the_threshold_nothing_is_asked(published, login, accounts):
    client = login("city_hangzhou")
    draft = draft_like("RD-006", accounts["city_hangzhou"], **UNRELATED)
    assert edit(client, draft).status_code == 302 and current_task_state(draft) is not None
    assert not DuplicateConfirmation.objects.filter(page=draft).exists()


def test_a_document_import_warns_of_a_published_near_duplicate(login, search_index):
    lines = WRITE_UP.splitlines()
    case = create_case(title=lines[0].split("：", 1)[1], basic_facts=lines[3], handling=lines[5], significance=lines[7])
    indexing.sync_case(case.pk)
    indexing.refresh()
    hangzhou = CityIndexPage.objects.get(division__name="杭州市")
    docx = SimpleUploadedFile("案例.docx", docx_bytes(WRITE_UP), "application/octet-stream")
    response = login("city_hangzhou").post(reverse("intake_upload", args=[hangzhou.pk]), {"document": docx})
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("该文书与已有案例高度相似" in m and case.title in m for m in warnings), warnings
