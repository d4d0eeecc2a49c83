"""Corrections, withdrawals and commendations of published cases, through the real admin views."""
import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from casebase.cases.models import CasePage, Correction
from casebase.review.models import CaseChangeRequest
from search.client import get_client
from search.documents import alias_name
from tests.factories import create_case
from tests.editor import XHR, edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(accounts, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = create_case(ref="ZJ-2024-0900")
    return case


def request_change(client, case, kind: str, reason: str):
    url = reverse("wagtailsnippets_review_casechangerequest:add")
    return client.post(url, {"case": case.pk, "kind": kind, "reason": reason, "action-submit": "1"})


def act_on_request(client, change, action: str, comment: str = ""):
    state = change.current_workflow_state.current_task_state
    url = reverse("wagtailsnippets_review_casechangerequest:workflow_action", args=[change.pk, action, state.pk])
    return client.post(url, {"comment": comment}, **XHR)


def approve_change(login, change):
    assert act_on_request(login("reviewer_legal"), change, "approve").status_code == 200
    assert act_on_request(login("province_admin"), change, "approve").status_code == 200


def indexed(case) -> bool:
    get_client().indices.refresh(index=alias_name())
    return get_client().exists(index=alias_name(), id=str(case.pk))


def test_a_withdrawal_keeps_the_url_hides_the_content_and_leaves_listings_and_search(
    login, client, published, django_capture_on_commit_callbacks
):
    assert indexed(published)
    response = request_change(login("province_admin"), published, "withdraw", "该案例所涉处罚决定已被依法撤销。")
    assert response.status_code == 302, response.content.decode()[:3000]
    change = CaseChangeRequest.objects.get()
    assert change.requested_by.username == "province_admin"
    assert not CasePage.objects.get(pk=published.pk).is_withdrawn  # not before the workflow ends
    with django_capture_on_commit_callbacks(execute=True):
        approve_change(login, change)
    case = CasePage.objects.get(pk=published.pk)
    assert case.is_withdrawn and case.live
    client.logout()
    page = client.get(case.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "本案例已于" in html and "撤除：该案例所涉处罚决定已被依法撤销。" in html
    assert "基本案情" not in html
    assert case.title not in client.get("/cases/").content.decode()
    assert not indexed(case)
    assert case.revisions.count() >= 1 and CasePage.objects.filter(pk=case.pk).exists()
    assert PageLogEntry.objects.filter(page=case, action="review.withdraw").exists()


def test_a_correction_publishes_the_reviewed_draft_and_keeps_the_earlier_revision(login, client, published):
    admin = login("province_admin")
    before = CasePage.objects.get(pk=published.pk).live_revision
    assert before is not None
    assert edit(admin, published, action=None, title="杭州某化工有限公司未密闭收集挥发性有机物废气案（更正）").status_code == 302
    assert not CasePage.objects.get(pk=published.pk).title.endswith("（更正）")  # a draft only
    assert request_change(admin, published, "correct", "原文处罚金额表述有误，予以更正。").status_code == 302
    approve_change(login, CaseChangeRequest.objects.get())
    case = CasePage.objects.get(pk=published.pk)
    assert case.title.endswith("（更正）")
    correction = Correction.objects.get(page=case)
    assert correction.previous_revision == before
    html = client.get(case.url).content.decode()
    assert "更正：原文处罚金额表述有误，予以更正。" in html and "本案例于" in html


def test_a_correction_needs_a_prepared_draft(login, published):
    response = request_change(login("province_admin"), published, "correct", "更正。")
    assert response.status_code == 200
    assert "请先在该案例的编辑页面修改内容并保存草稿" in response.content.decode()
    assert not CaseChangeRequest.objects.exists()


def test_a_returned_change_request_changes_nothing(login, published):
    request_change(login("province_admin"), published, "withdraw", "撤除。")
    change = CaseChangeRequest.objects.get()
    act_on_request(login("reviewer_legal"), change, "reject", "理由不充分。")
    assert not CasePage.objects.get(pk=published.pk).is_withdrawn


def test_only_administrators_request_changes_and_commend(login, published):
    for username in ("city_hangzhou", "reviewer_business", "reviewer_legal", "committee_1"):
        client = login(username)
        request_change(client, published, "withdraw", "撤除。")
        response = client.post(reverse("review_commend", args=[published.pk]), {"commendation": "某单位"})
        assert response.status_code == 403, username
    assert not CaseChangeRequest.objects.exists()
    assert CasePage.objects.get(pk=published.pk).commended_on is None


def test_commendation_shows_a_badge_and_is_a_listing_filter(login, client, published):
    response = login("province_admin").post(reverse("review_commend", args=[published.pk]), {"commendation": "杭州市生态环境局余杭分局"})
    assert response.status_code == 302
    case = CasePage.objects.get(pk=published.pk)
    assert case.commended_on is not None
    assert PageLogEntry.objects.filter(page=case, action="review.commend").exists()
    client.logout()
    assert "受表扬单位：杭州市生态环境局余杭分局" in client.get(case.url).content.decode()
    assert case.title in client.get("/cases/?commended=1").content.decode()
    # Publishing an older draft later does not undo the commendation (it is not revision content).
    case.get_latest_revision().publish()
    assert CasePage.objects.get(pk=case.pk).commended_on is not None
