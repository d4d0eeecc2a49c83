"""Cancelling a review: the submitting city and the provincial administrator only, with a
reason, notified and listed like a return; Wagtail's reasonless cancel is gone."""
import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests.editor import current_task_state, edit, edit_form_data

pytestmark = pytest.mark.django_db
WAGTAIL_CANCEL = "action-cancel-workflow"


def submitted(login, case):
    assert edit(login("city_hangzhou"), case).status_code == 302
    assert current_task_state(case).task.name == "业务审核"
    return case


def cancel(client, case, reason):
    return client.post(reverse("review_cancel", args=[case.pk]), {"comment": reason})


@pytest.mark.parametrize("username", ["city_hangzhou", "province_admin"])
def test_the_city_or_the_administrator_cancels_with_a_reason_notified_like_a_return(
    login, draft, username, django_capture_on_commit_callbacks
):
    submitted(login, draft)
    client = login(username)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "取消审核" in editor and reverse("review_cancel", args=[draft.pk]) in editor
    assert cancel(client, draft, "").status_code == 200  # the form again: a reason is required
    assert current_task_state(draft).status == "in_progress"
    with django_capture_on_commit_callbacks(execute=True):
        assert cancel(client, draft, "案情材料需补充，撤回修改。").status_code == 302
    assert current_task_state(draft) is None
    notice = next(m for m in mail.outbox if m.subject.startswith("【退回修改】"))
    assert notice.to == ["city_hangzhou@casebase.invalid"] and "撤回修改" in notice.body
    assert PageLogEntry.objects.filter(page=draft, action="review.cancel", data__reason="案情材料需补充，撤回修改。").exists()
    dashboard = login("city_hangzhou").get(reverse("wagtailadmin_home")).content.decode()
    assert "被退回的案例" in dashboard and "案情材料需补充，撤回修改。" in dashboard
    # Resubmitted, it starts again at business review.
    submitted(login, draft)


@pytest.mark.parametrize("username", ["reviewer_business", "committee_1", "city_wenzhou", "reviewer_legal"])
def test_reviewers_committee_and_other_cities_cannot_cancel(login, draft, username):
    submitted(login, draft)
    client = login(username)
    assert cancel(client, draft, "理由。").status_code == 403
    assert current_task_state(draft).status == "in_progress"


def test_wagtails_own_cancel_is_hidden_and_refused(login, draft):
    submitted(login, draft)
    client = login("reviewer_business")
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert WAGTAIL_CANCEL not in editor and "取消审核" not in editor
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), edit_form_data(draft, WAGTAIL_CANCEL))
    assert response.status_code == 403
    assert current_task_state(draft).status == "in_progress"
    # Not for the city either: it must give a reason.
    client = login("city_hangzhou")
    assert WAGTAIL_CANCEL not in client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), edit_form_data(draft, WAGTAIL_CANCEL)).status_code == 403
    assert current_task_state(draft).status == "in_progress"
