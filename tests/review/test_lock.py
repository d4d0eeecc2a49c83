"""Every custom admin endpoint that writes a case respects the workflow's lock."""
import pytest
from django.urls import reverse

from tests.editor import edit

pytestmark = pytest.mark.django_db

# Each endpoint of casebase/cases/wagtail_hooks.py `case_admin_urls` with a POST that would
# otherwise save a revision.
WRITES = [
    ("cases_redact", "", {}),
    ("cases_clear_pii", "", {"pii_text": "张三"}),
    ("cases_decide_suggestion", "?field=fine_yuan", {"suggestion_decision": "accepted"}),
]


@pytest.mark.parametrize("url_name,query,data", WRITES, ids=[w[0] for w in WRITES])
def test_the_submitter_cannot_write_a_case_under_review(login, draft, url_name, query, data):
    client = login("city_hangzhou")
    assert edit(client, draft).status_code == 302  # submitted: the workflow locks it for the city
    revisions = draft.revisions.count()
    response = client.post(reverse(url_name, args=[draft.pk]) + query, data)
    assert response.status_code == 403
    assert "该案例正在审核或已被锁定" in response.content.decode()
    assert draft.revisions.count() == revisions


def test_the_submitter_may_clear_a_false_alarm_on_a_draft(login, draft):
    revisions = draft.revisions.count()
    response = login("city_hangzhou").post(reverse("cases_clear_pii", args=[draft.pk]), {"pii_text": "张三"})
    assert response.status_code == 302
    assert draft.revisions.count() == revisions + 1
