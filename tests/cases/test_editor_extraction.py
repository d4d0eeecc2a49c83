"""In the case editor: personal data blocks submission and can be redacted in one click;
extraction suggests structured values that the submitter accepts or rejects."""
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from casebase.cases.models import CasePage
from tests.factories import create_case
from tests.editor import current_task_state, edit

pytestmark = pytest.mark.django_db

WHISTLEBLOWER = "举报人李建国（联系电话13812345678）反映，该公司夜间偷排废水。"


@pytest.fixture
def draft_with_pii(accounts, search_index):
    record_facts = "2024年6月，" + WHISTLEBLOWER + "执法人员现场检查发现雨水排口有黄色废水流出。"
    return create_case(ref="ZJ-HZ-P-001", publish=False, basic_facts=record_facts)


def latest(case) -> CasePage:
    return CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()


def test_personal_data_blocks_submission_and_says_where(login, draft_with_pii):
    response = edit(login("city_hangzhou"), draft_with_pii)
    assert response.status_code == 200
    html = response.content.decode()
    assert "“基本案情”含有个人信息：姓名“李建国”" in html
    assert "电话号码“13812345678”" in html
    assert current_task_state(draft_with_pii) is None


def test_the_editor_shows_the_findings_and_one_click_redacts_them(login, draft_with_pii):
    client = login("city_hangzhou")
    page = client.get(reverse("wagtailadmin_pages:edit", args=[draft_with_pii.pk])).content.decode()
    assert "个人信息检查" in page and "一键脱敏" in page and "李建国" in page
    response = client.post(reverse("cases_redact", args=[draft_with_pii.pk]))
    assert response.status_code == 302
    redacted = latest(draft_with_pii).basic_facts
    assert "李建国" not in redacted and "13812345678" not in redacted
    assert "李某" in redacted and "****" in redacted
    assert redacted.startswith("<p>")  # the markup survives
    assert edit(client, draft_with_pii).status_code == 302
    assert current_task_state(draft_with_pii).task.name == "业务审核"


def test_one_click_redaction_reports_what_it_redacted(login, draft_with_pii):
    response = login("city_hangzhou").post(reverse("cases_redact", args=[draft_with_pii.pk]))
    assert [m.message for m in get_messages(response.wsgi_request)] == ["已对 2 处个人信息脱敏，请核对后再提交审核"]


def test_a_false_alarm_can_be_cleared(login, draft_with_pii):
    client = login("city_hangzhou")
    client.post(reverse("cases_clear_pii", args=[draft_with_pii.pk]), {"pii_text": "李建国"})
    client.post(reverse("cases_clear_pii", args=[draft_with_pii.pk]), {"pii_text": "13812345678"})
    assert latest(draft_with_pii).pii_cleared == ["13812345678", "李建国"]
    assert edit(client, draft_with_pii).status_code == 302


def test_another_city_may_not_redact(login, draft_with_pii):
    response = login("city_wenzhou").post(reverse("cases_redact", args=[draft_with_pii.pk]))
    assert response.status_code == 403
    assert "李建国" in latest(draft_with_pii).basic_facts


@pytest.fixture
def bare_draft(accounts, search_index):
    """A draft whose structured fields the submitter has not filled yet."""
    return create_case(
        ref="ZJ-HZ-S-001", publish=False, fine_yuan=None, measures=[], violation_types=[],
        industry=None, violated=[], penalty_basis=[], county=None,
    )


def test_saving_a_draft_suggests_structured_values_that_are_never_applied_silently(login, bare_draft):
    client = login("city_hangzhou")
    assert edit(client, bare_draft, action=None).status_code == 302
    suggestion = CasePage.objects.get(pk=bare_draft.pk).suggestion
    assert suggestion.values["fine_yuan"] == "120000.00"
    assert suggestion.values["violation_types"] == ["大气污染"]
    assert suggestion.values["industry"] == "C26"
    assert latest(bare_draft).fine_yuan is None
    page = client.get(reverse("wagtailadmin_pages:edit", args=[bare_draft.pk])).content.decode()
    assert "自动提取建议" in page and "采纳" in page


def test_accepting_and_rejecting_suggestions(login, bare_draft):
    client = login("city_hangzhou")
    edit(client, bare_draft, action=None)
    url = reverse("cases_decide_suggestion", args=[bare_draft.pk])
    client.post(url + "?field=fine_yuan", {"suggestion_decision": "accepted"})
    client.post(url + "?field=citations", {"suggestion_decision": "accepted"})
    client.post(url + "?field=measures", {"suggestion_decision": "rejected"})
    page = latest(bare_draft)
    assert page.fine_yuan == 120000
    assert {(c.law_title, c.article) for c in page.citations.all()} >= {("中华人民共和国大气污染防治法", 45)}
    assert list(page.measures.all()) == []
    decisions = CasePage.objects.get(pk=bare_draft.pk).suggestion.decisions
    assert decisions == {"fine_yuan": "accepted", "citations": "accepted", "measures": "rejected"}
    # A rejected suggestion is not offered again while it stays the same.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[bare_draft.pk])).content.decode()
    assert "?field=measures" not in html


def test_suggestions_read_as_provisions_and_industries_do_elsewhere(login, bare_draft):
    client = login("city_hangzhou")
    edit(client, bare_draft, action=None)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[bare_draft.pk])).content.decode()
    assert "违反条款：《中华人民共和国大气污染防治法》第四十五条" in page
    assert "处罚依据：《中华人民共和国大气污染防治法》第一百零八条第（一）项" in page
    assert "C26 化学原料和化学制品制造业" in page
