"""The review procedure's other paths in a real browser, as each role takes them: a return and
a resubmission, a tie that waits for the third vote, a cancellation, a late committee member,
and a correction and a withdrawal, each approved once from its edit page and once from the
dashboard's "…" menu (requests are filed as the add form files them; the form itself is tested
in tests/review/test_changes.py). Screenshots go to /tmp/review-paths-*.png."""
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.urls import reverse

from casebase.cases.demo_accounts import create_demo_accounts
from casebase.cases.models import CasePage
from casebase.review.models import CaseChangeRequest, CommitteeVote
from tests.browser import test_review_journey as journey
from tests.browser.test_review_journey import footer_action, open_editor, take_workflow_action
from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FALSE_REFUSAL = "没有权限"


@pytest.fixture
def shot(page):
    def take(name: str) -> Path:
        path = Path("/tmp") / f"review-paths-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


NOT_A_DUPLICATE = "同一企业的另一次违法行为，不是重复报送。"


def wait_until(condition, seconds: float = 20) -> None:
    """Polls the database for the browser's effect. The suite's in-memory SQLite (shared cache)
    answers "table is locked" at once instead of waiting while the live server writes: poll again."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
        assert time.monotonic() < deadline, "the action did not take effect in time"
        time.sleep(0.3)


def step(case):
    result = []
    wait_until(lambda: result.append(journey.step(case)) or True)
    return result[-1]


def sign_in(page, base, username):
    """Leaves the editor first: its background pings (editing sessions) would otherwise race
    the sign-in's writes on the test suite's in-memory SQLite."""
    page.goto("about:blank")
    journey.sign_in(page, base, username)


def assert_no_refusal(page):
    page.wait_for_load_state("networkidle")
    assert FALSE_REFUSAL not in page.locator("body").inner_text()


def review_as(page, base, username, case, label, comment=None):
    sign_in(page, base, username)
    open_editor(page, base, case)
    take_workflow_action(page, label, comment)
    assert_no_refusal(page)


def vote_as(page, base, username, case, approve: bool, opinion: str):
    count = CommitteeVote.objects.count()
    review_as(page, base, username, case, "表决：同意发布" if approve else "表决：不同意发布", opinion)
    wait_until(lambda: CommitteeVote.objects.count() == count + 1)


def submit_as_city(page, base, case, not_a_duplicate: str | None = None):
    """`not_a_duplicate`: the reason the city gives when the near-duplicate check finds the case
    too like a published one (factory cases share their sections)."""
    sign_in(page, base, "city_hangzhou")
    open_editor(page, base, case)
    if not_a_duplicate:
        page.check("#id_duplicate_confirmed")
        page.fill("#id_duplicate_reason", not_a_duplicate)
    footer_action(page, "button[name='action-submit']")
    wait_until(lambda: step(case) == "业务审核")


def to_committee(page, base, case):
    review_as(page, base, "reviewer_business", case, "审核通过")
    wait_until(lambda: step(case) == "法制审核")
    review_as(page, base, "reviewer_legal", case, "审核通过")
    wait_until(lambda: step(case) == "集体审议")


def test_return_resubmit_tie_cancel_and_late_vote(live_server, reference_data, library, search_index, page, shot):
    create_demo_accounts()
    base = live_server.url
    tied = create_case(ref="ZJ-HZ-B-101", publish=False)

    # A return with its reason, seen by the city, and a resubmission from business review.
    submit_as_city(page, base, tied)
    review_as(page, base, "reviewer_business", tied, "退回修改", "请补充企业整改情况。")
    shot("1-after-return")
    wait_until(lambda: step(tied) is None)
    sign_in(page, base, "city_hangzhou")
    assert "请补充企业整改情况。" in page.locator("body").inner_text()
    shot("2-city-returned")
    submit_as_city(page, base, tied)

    # A 1:1 tie waits for the third member, who decides.
    to_committee(page, base, tied)
    vote_as(page, base, "committee_1", tied, True, "同意发布。")
    shot("3-after-vote")
    vote_as(page, base, "committee_2", tied, False, "典型意义需补充。")
    assert step(tied) == "集体审议"
    vote_as(page, base, "committee_3", tied, True, "同意发布，事实清楚。")
    wait_until(lambda: CasePage.objects.get(pk=tied.pk).live)

    # The city cancels a review with a reason; the case is listed as returned.
    cancelled = create_case(ref="ZJ-HZ-B-102", publish=False, title="杭州某印染有限公司超标排放废水案")
    submit_as_city(page, base, cancelled, not_a_duplicate=NOT_A_DUPLICATE)
    open_editor(page, base, cancelled)
    footer_action(page, "a:has-text('取消审核')")
    page.fill("textarea[name='comment']", "监测报告有误，撤回修改。")
    shot("4-cancel-form")
    page.locator("button:has-text('确认取消审核')").click()
    wait_until(lambda: step(cancelled) is None)
    assert_no_refusal(page)
    page.goto(base + "/admin/")
    assert "监测报告有误，撤回修改。" in page.locator("body").inner_text()
    shot("5-city-dashboard-after-cancel")

    # Resubmitted and decided by two members: the third, arriving late, learns the decision.
    submit_as_city(page, base, cancelled, not_a_duplicate=NOT_A_DUPLICATE)
    to_committee(page, base, cancelled)
    deliberation = CasePage.objects.get(pk=cancelled.pk).current_workflow_state.current_task_state
    vote_as(page, base, "committee_1", cancelled, True, "同意。")
    vote_as(page, base, "committee_2", cancelled, True, "同意。")
    wait_until(lambda: CasePage.objects.get(pk=cancelled.pk).live)
    sign_in(page, base, "committee_3")
    page.goto(base + reverse("review_deliberation", args=[deliberation.pk]))
    assert "本次审议已结束：审议通过，同意发布（同意 2 票，不同意 0 票）" in page.locator("body").inner_text()
    assert_no_refusal(page)
    shot("6-late-member")


def file_request(case, kind, reason, accounts_by_name):
    """Filed as the add form does (tested in tests/review/test_changes.py): saved, then submitted."""
    admin = accounts_by_name["province_admin"]
    change = CaseChangeRequest(case=case, kind=kind, reason=reason, requested_by=admin, live=False)
    if kind == "correct":
        change.case_revision = CasePage.objects.get(pk=case.pk).get_latest_revision()
    change.save()
    change.save_revision(user=admin)
    change.get_workflow().start(change, admin)
    return change


def change_step(change):
    state = CaseChangeRequest.objects.get(pk=change.pk).current_workflow_state
    return state.current_task_state.task.name if state else None


def approve_from_edit_page(page, base, username, change):
    sign_in(page, base, username)
    page.goto(base + reverse("wagtailsnippets_review_casechangerequest:edit", args=[change.pk]))
    footer_action(page, "button:has-text('审核通过')")
    assert_no_refusal(page)


def approve_from_dashboard(page, base, username):
    sign_in(page, base, username)
    page.locator("td.actions-container [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])").first.click()
    assert_no_refusal(page)


def test_a_correction_and_a_withdrawal(live_server, reference_data, library, search_index, page, shot):
    create_demo_accounts()
    base = live_server.url
    corrected = create_case(ref="ZJ-2024-0911")
    withdrawn = create_case(ref="ZJ-2024-0912", title="温州某电镀有限公司含镍废水超标排放案", city="温州市", county="鹿城区")
    draft = corrected.get_latest_revision_as_object()
    draft.title += "（更正）"
    draft.save_revision(user=None)

    users = {u.username: u for u in get_user_model().objects.all()}
    correction = file_request(corrected, "correct", "原文处罚金额表述有误，予以更正。", users)
    approve_from_edit_page(page, base, "reviewer_legal", correction)
    shot("7-legal-approved-on-edit-page")
    wait_until(lambda: change_step(correction) == "省级管理员批准")
    approve_from_dashboard(page, base, "province_admin")
    wait_until(lambda: CaseChangeRequest.objects.get(pk=correction.pk).applied_at is not None)
    assert CasePage.objects.get(pk=corrected.pk).title.endswith("（更正）")

    withdrawal = file_request(withdrawn, "withdraw", "处罚决定已被依法撤销。", users)
    sign_in(page, base, "reviewer_legal")
    shot("8-legal-dashboard")
    approve_from_dashboard(page, base, "reviewer_legal")
    wait_until(lambda: change_step(withdrawal) == "省级管理员批准")
    approve_from_edit_page(page, base, "province_admin", withdrawal)
    wait_until(lambda: CaseChangeRequest.objects.get(pk=withdrawal.pk).applied_at is not None)
    shot("9-admin-after-withdrawal")
    page.goto(base + CasePage.objects.get(pk=withdrawn.pk).url)
    assert "撤除：处罚决定已被依法撤销。" in page.locator("body").inner_text()
