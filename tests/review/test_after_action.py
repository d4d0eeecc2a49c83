"""After every approve, return and vote a reviewer lands on the dashboard with the success
message only: no false "对不起，你没有权限访问。"."""
import json

import pytest
from django.urls import reverse

from tests.editor import act, current_task_state, edit

pytestmark = pytest.mark.django_db
REFUSAL = "没有权限"


def in_editor(client, case, action: str, comment: str | None = None):
    """The editor footer's workflow action, as the admin's JS posts it (with the modal's data)."""
    extra = {"workflow-action-name": action}
    if comment is not None:
        extra["workflow-action-extra-data"] = json.dumps({"comment": comment})
    response = edit(client, case, action="action-workflow-action", **extra)
    assert response.status_code == 302
    return client.get(response["Location"], follow=True)


def from_modal(client, case, action: str, comment: str = ""):
    response = act(client, case, action, comment)
    assert response.json()["step"] == "success"
    return client.get(response.json()["redirect"], follow=True)


def assert_lands_on_dashboard(page):
    assert page.request["PATH_INFO"] == reverse("wagtailadmin_home")
    assert_no_refusal(page)


def assert_no_refusal(page):
    assert page.status_code == 200
    assert REFUSAL not in page.content.decode()


def test_actions_in_the_editor_end_on_the_dashboard_without_a_false_refusal(login, draft):
    # (The test client's form data differs from the editor's initial data, so each post here
    # is also an edit: the step asks for approval of the new revision again.)
    assert edit(login("city_hangzhou"), draft).status_code == 302
    assert_lands_on_dashboard(in_editor(login("reviewer_business"), draft, "approve"))
    assert_lands_on_dashboard(in_editor(login("reviewer_business"), draft, "reject", "请补充整改情况。"))
    assert current_task_state(draft) is None


def test_actions_from_the_modal_end_on_the_dashboard_without_a_false_refusal(login, draft):
    assert edit(login("city_hangzhou"), draft).status_code == 302
    assert_lands_on_dashboard(from_modal(login("reviewer_business"), draft, "approve"))
    assert_lands_on_dashboard(from_modal(login("reviewer_legal"), draft, "approve"))
    assert_no_refusal(from_modal(login("committee_1"), draft, "approve", "同意。"))  # may still read the case
    assert_no_refusal(from_modal(login("committee_2"), draft, "reject", "不同意。"))  # a tie: the vote goes on
    assert_lands_on_dashboard(from_modal(login("committee_3"), draft, "reject", "不同意。"))
    assert edit(login("city_hangzhou"), draft).status_code == 302
    assert_lands_on_dashboard(from_modal(login("reviewer_business"), draft, "reject", "请补充整改情况。"))
