"""Change requests approved from their own edit page, and the legal reviewer's way to them."""
import pytest
from django.urls import reverse

from casebase.cases.models import CasePage
from casebase.review.models import CaseChangeRequest
from tests.factories import create_case
from tests.editor import XHR

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawal(login, accounts, search_index):
    case = create_case(ref="ZJ-2024-0902")
    client = login("province_admin")
    response = client.post(reverse("wagtailsnippets_review_casechangerequest:add"),
                           {"case": case.pk, "kind": "withdraw", "reason": "处罚决定已被撤销。", "action-submit": "1"})
    assert response.status_code == 302
    return CaseChangeRequest.objects.get()


def step_of(change) -> str | None:
    state = CaseChangeRequest.objects.get(pk=change.pk).current_workflow_state
    return state.current_task_state.task.name if state else None


def approve_from_edit_page(client, change):
    """The footer's 审核通过 of the request's edit page: the edit form posted unchanged."""
    url = reverse("wagtailsnippets_review_casechangerequest:edit", args=[change.pk])
    return client.post(url, {
        "case": change.case_id, "kind": change.kind, "reason": change.reason,
        "action-workflow-action": "true", "workflow-action-name": "approve",
    })


def act_from_dashboard(client, change, action="approve"):
    state = change.current_workflow_state.current_task_state
    url = reverse("wagtailsnippets_review_casechangerequest:workflow_action", args=[change.pk, action, state.pk])
    return client.post(url, {"comment": ""}, **XHR)


def test_a_withdrawal_approved_from_its_edit_page_applies(login, withdrawal):
    assert step_of(withdrawal) == "更正撤除法制审核"
    assert approve_from_edit_page(login("reviewer_legal"), withdrawal).status_code == 302
    assert step_of(withdrawal) == "省级管理员批准"
    response = approve_from_edit_page(login("province_admin"), withdrawal)
    assert response.status_code == 302
    change = CaseChangeRequest.objects.get(pk=withdrawal.pk)
    assert change.applied_at is not None and step_of(change) is None
    assert CasePage.objects.get(pk=change.case_id).is_withdrawn


def test_editing_the_request_while_approving_still_asks_legal_review_again(login, withdrawal):
    client = login("reviewer_legal")
    assert approve_from_edit_page(client, withdrawal).status_code == 302
    url = reverse("wagtailsnippets_review_casechangerequest:edit", args=[withdrawal.pk])
    client = login("province_admin")
    client.post(url, {"case": withdrawal.case_id, "kind": "withdraw", "reason": "处罚决定已被依法撤销。",
                      "action-workflow-action": "true", "workflow-action-name": "approve"})
    assert step_of(withdrawal) == "更正撤除法制审核"
    assert CaseChangeRequest.objects.get(pk=withdrawal.pk).applied_at is None


def test_the_legal_reviewer_reaches_change_requests_from_the_dashboard_and_the_menu(login, withdrawal):
    client = login("reviewer_legal")
    edit_url = reverse("wagtailsnippets_review_casechangerequest:edit", args=[withdrawal.pk])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{edit_url}"' in dashboard
    assert 'href="None"' not in dashboard
    assert client.get(edit_url).status_code == 200
    list_url = reverse("wagtailsnippets_review_casechangerequest:list")
    assert f'"url": "{list_url}"' in dashboard  # the menu entry, in the sidebar's props
    listing = client.get(list_url)
    assert listing.status_code == 200 and str(withdrawal) in listing.content.decode()
