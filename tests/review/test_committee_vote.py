"""The committee decides only when the outcome is settled, on the members recorded when the
vote opened; late members learn the decision; open minutes stay with the administrators."""
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from casebase.cases.models import CasePage
from casebase.review.roles import COMMITTEE
from tests.editor import act, current_task_state, edit

pytestmark = pytest.mark.django_db


def to_committee(login, case):
    assert edit(login("city_hangzhou"), case).status_code == 302
    act(login("reviewer_business"), case, "approve")
    act(login("reviewer_legal"), case, "approve")
    return current_task_state(case)


def vote(login, case, username, approve: bool, opinion="意见。"):
    return act(login(username), case, "approve" if approve else "reject", opinion)


def test_a_tie_waits_for_the_third_member_who_decides(login, draft):
    to_committee(login, draft)
    vote(login, draft, "committee_1", True)
    vote(login, draft, "committee_2", False)
    assert current_task_state(draft).status == "in_progress"  # 1:1 with one member still to vote
    assert not CasePage.objects.get(pk=draft.pk).live
    vote(login, draft, "committee_3", True)
    assert CasePage.objects.get(pk=draft.pk).live


def test_two_votes_the_same_way_settle_a_vote_of_three(login, draft):
    to_committee(login, draft)
    vote(login, draft, "committee_1", False)
    vote(login, draft, "committee_2", False)
    assert current_task_state(draft) is None  # returned: the third vote could not change it


def test_a_change_of_the_committee_group_does_not_move_the_quorum(login, draft, accounts):
    state = to_committee(login, draft)
    assert set(state.eligible_members.values_list("username", flat=True)) == {"committee_1", "committee_2", "committee_3"}
    Group.objects.get(name=COMMITTEE).user_set.add(accounts["reviewer_business"])  # joins after the vote opened
    assert vote(login, draft, "reviewer_business", True).status_code == 403
    vote(login, draft, "committee_1", True)
    assert current_task_state(draft).status == "in_progress"
    vote(login, draft, "committee_2", True)
    assert CasePage.objects.get(pk=draft.pk).live


def test_a_member_who_arrives_after_the_decision_learns_it(login, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        state = to_committee(login, draft)
    link = reverse("review_deliberation", args=[state.pk])
    invitation = next(m for m in mail.outbox if m.subject.startswith("【待集体审议】"))
    assert link in invitation.body
    opened = login("committee_3").get(link)
    assert opened.status_code == 302 and opened["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    vote(login, draft, "committee_1", True)
    vote(login, draft, "committee_2", True)
    late = login("committee_3").get(link, follow=True).content.decode()
    assert "本次审议已结束：审议通过，同意发布（同意 2 票，不同意 0 票）" in late
    assert "没有权限" not in late


def test_minutes_of_an_open_vote_go_to_administrators_only(login, draft):
    state = to_committee(login, draft)
    vote(login, draft, "committee_1", False, "证据不足。")
    url = reverse("review_minutes", args=[state.pk, "pdf"])
    for username in ("committee_2", "committee_1", "reviewer_legal"):
        assert login(username).get(url).status_code == 403, username
    assert login("province_admin").get(url).status_code == 200
