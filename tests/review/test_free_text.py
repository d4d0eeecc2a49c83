"""Control characters pasted into a review text are dropped before they reach the minutes,
the mails or the log; a text of nothing else counts as not written."""
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from wagtail.models import TaskState

from casebase.review.models import CaseChangeRequest, CommitteeTask, CommitteeVote
from tests.editor import act, current_task_state, edit
from tests.factories import create_case

pytestmark = pytest.mark.django_db


def to_committee(login, case):
    assert edit(login("city_hangzhou"), case).status_code == 302
    act(login("reviewer_business"), case, "approve", "同意。\x07")
    act(login("reviewer_legal"), case, "approve")
    assert current_task_state(case).task.name == "集体审议"


def test_a_vote_opinion_loses_its_control_characters_and_the_minutes_docx_opens(login, draft):
    to_committee(login, draft)
    act(login("committee_1"), draft, "approve", "同意发布。\x0b事实清楚。\x07")
    act(login("committee_2"), draft, "approve", "同意。")
    assert CommitteeVote.objects.get(voter__username="committee_1").opinion == "同意发布。事实清楚。"
    state = CommitteeTask.objects.get().task_states.get()
    docx = login("province_admin").get(reverse("review_minutes", args=[state.pk, "docx"]))
    assert docx.status_code == 200
    cells = [c.text for row in Document(BytesIO(docx.content)).tables[0].rows for c in row.cells]
    assert "同意发布。事实清楚。" in cells


def test_a_return_reason_of_control_characters_only_is_refused(login, draft):
    assert edit(login("city_hangzhou"), draft).status_code == 302
    response = act(login("reviewer_business"), draft, "reject", "\x07\x0b ")
    assert "请写明退回理由" in response.json()["html"]
    assert current_task_state(draft).status == "in_progress"
    act(login("reviewer_business"), draft, "reject", "请补充\x0b整改情况。")
    assert TaskState.objects.get(status="rejected").comment == "请补充整改情况。"


def test_a_change_request_reason_loses_its_control_characters(login, accounts, search_index):
    case = create_case(ref="ZJ-2024-0901")
    client = login("province_admin")
    url = reverse("wagtailsnippets_review_casechangerequest:add")
    refused = client.post(url, {"case": case.pk, "kind": "withdraw", "reason": "\x07", "action-submit": "1"})
    assert refused.status_code == 200 and "请写明理由" in refused.content.decode()
    client.post(url, {"case": case.pk, "kind": "withdraw", "reason": "处罚决定\x0b已撤销。", "action-submit": "1"})
    assert CaseChangeRequest.objects.get().reason == "处罚决定已撤销。"
