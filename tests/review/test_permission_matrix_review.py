"""The permission matrix of the review procedure's own endpoints (kept apart from
test_permission_matrix.py, which covers Wagtail's views): every role × cancel, minutes of an
open vote, clearing personal data under the workflow lock and a change request's approval.
A refused request must also change nothing."""
import pytest
from django.urls import reverse

from casebase.review.models import CaseChangeRequest
from tests.editor import XHR, act, current_task_state, edit
from tests.factories import create_case

pytestmark = pytest.mark.django_db

ROLES = ["city_hangzhou", "city_wenzhou", "reviewer_business", "reviewer_legal", "committee_1", "province_admin",
         "officer_hangzhou"]
# Who may, on a Hangzhou case.
ALLOWED = {
    "cancel": {"city_hangzhou", "province_admin"},
    "open_minutes": {"province_admin"},
    "clear_pii_under_review": {"reviewer_business"},  # the step's reviewer may edit; the city is locked out
    "approve_change_request": {"reviewer_legal"},
}


def submitted_case(login):
    case = create_case(publish=False, city="杭州市", county="上城区")
    assert edit(login("city_hangzhou"), case).status_code == 302
    assert current_task_state(case).task.name == "业务审核"
    return case


def _cancel(login, role):
    case = submitted_case(login)
    login(role).post(reverse("review_cancel", args=[case.pk]), {"comment": "撤回修改。"})
    return current_task_state(case) is None


def _open_minutes(login, role):
    case = submitted_case(login)
    act(login("reviewer_business"), case, "approve")
    act(login("reviewer_legal"), case, "approve")
    act(login("committee_2"), case, "reject", "不同意。")
    state = current_task_state(case)
    return login(role).get(reverse("review_minutes", args=[state.pk, "pdf"])).status_code == 200


def _clear_pii_under_review(login, role):
    case = submitted_case(login)
    before = case.revisions.count()
    login(role).post(reverse("cases_clear_pii", args=[case.pk]), {"pii_text": "张三"})
    return case.revisions.count() > before


def _approve_change_request(login, role):
    case = create_case(ref="ZJ-2024-0990")
    login("province_admin").post(reverse("wagtailsnippets_review_casechangerequest:add"),
                                 {"case": case.pk, "kind": "withdraw", "reason": "撤除。", "action-submit": "1"})
    change = CaseChangeRequest.objects.get()
    state = change.current_workflow_state.current_task_state
    login(role).post(reverse("wagtailsnippets_review_casechangerequest:workflow_action", args=[change.pk, "approve", state.pk]),
                {"comment": ""}, **XHR)
    return CaseChangeRequest.objects.get().current_workflow_state.current_task_state.task.name == "省级管理员批准"


PERFORM = {
    "cancel": _cancel,
    "open_minutes": _open_minutes,
    "clear_pii_under_review": _clear_pii_under_review,
    "approve_change_request": _approve_change_request,
}


@pytest.mark.parametrize("action", list(PERFORM))
@pytest.mark.parametrize("role", ROLES)
def test_review_endpoint_matrix(role, action, login, accounts, search_index):
    took_effect = PERFORM[action](login, role)  # (login() re-signs the one test client in)
    assert took_effect == (role in ALLOWED[action])
