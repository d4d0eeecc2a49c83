"""A case travels the whole procedure in a real browser: the city submits it, business and legal
review approve it, three committee members vote, and it is published."""
import time

import pytest

from casebase.cases.demo_accounts import DEMO_PASSWORD, create_demo_accounts
from casebase.cases.models import CasePage
from casebase.review.models import CommitteeTask, CommitteeVote
from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(base_url + "/admin/")


def open_editor(page, base_url: str, case) -> None:
    page.goto(f"{base_url}/admin/pages/{case.pk}/edit/")


def footer_action(page, selector: str) -> None:
    """Clicks an action of the editor's footer menu, opening its dropdown first when needed."""
    button = page.locator(f"footer {selector}").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def step(case) -> str | None:
    task = CasePage.objects.get(pk=case.pk).current_workflow_task
    return task.name if task else None


def take_workflow_action(page, label: str, comment: str | None = None) -> None:
    footer_action(page, f"button:has-text('{label}')")
    if comment is not None:
        page.locator(".modal textarea[name='comment']").fill(comment)
        page.locator(".modal button[type='submit']").click()
    page.wait_for_load_state("networkidle")


def wait_until(condition, seconds: float = 10) -> None:
    """The browser's last request may still be in flight: poll the database for its effect."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the action did not take effect in time"
        time.sleep(0.1)


def test_submit_review_vote_publish(live_server, reference_data, library, search_index, page, screenshot):
    create_demo_accounts()
    task = CommitteeTask.objects.get()
    task.quorum_numerator, task.quorum_denominator = 1, 1  # all three members vote
    task.save()
    case = create_case(ref="ZJ-HZ-B-001", publish=False)
    base = live_server.url

    sign_in(page, base, "city_hangzhou")
    open_editor(page, base, case)
    screenshot("review-1-draft")
    footer_action(page, "button[name='action-submit']")
    wait_until(lambda: step(case) == "业务审核")

    sign_in(page, base, "reviewer_business")
    screenshot("review-2-dashboard-business")
    open_editor(page, base, case)
    take_workflow_action(page, "审核通过")
    wait_until(lambda: step(case) == "法制审核")
    sign_in(page, base, "reviewer_legal")
    open_editor(page, base, case)
    take_workflow_action(page, "审核通过")
    wait_until(lambda: step(case) == "集体审议")

    for number, username in enumerate(["committee_1", "committee_2", "committee_3"], start=1):
        sign_in(page, base, username)
        open_editor(page, base, case)
        if number == 3:
            screenshot("review-3-vote")
        take_workflow_action(page, "表决：同意发布", f"委员{number}：同意发布，事实清楚，适用法律正确。")
        wait_until(lambda: CommitteeVote.objects.count() == number)
    wait_until(lambda: CasePage.objects.get(pk=case.pk).live)

    page.goto(base + CasePage.objects.get(pk=case.pk).url)
    assert page.get_by_role("heading", level=1).inner_text() == case.title
    screenshot("review-4-published")
