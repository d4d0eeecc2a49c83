"""An officer's journey in a real browser: sign in, search, save the search, see it listed,
then a matching case is published and the officer finds the notice on the dashboard."""
import pytest
from django.core import mail

from casebase.alerts.models import SavedSearch
from casebase.cases.demo_accounts import create_demo_accounts
from tests.browser.test_review_journey import sign_in
from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_CASE = "杭州某家具制造有限公司喷漆工序挥发性有机物废气未经收集直接排放案"


def test_officer_saves_a_search_and_is_told_of_a_new_case(live_server, reference_data, library, search_index, page, screenshot):
    create_demo_accounts()
    create_case(ref="ZJ-HZ-ALERT-1")  # published before the search is saved: no alert for it
    base = live_server.url

    sign_in(page, base, "officer_hangzhou")
    page.goto(base + "/search/?q=挥发性有机物")
    assert page.locator("h2#results-heading").inner_text().endswith("共 1 件")
    page.fill(".save-search input[name=name]", "VOCs 废气")
    page.select_option(".save-search select[name=frequency]", "instant")
    screenshot("alerts-1-search-page")
    page.click(".save-search button[type=submit]")
    page.wait_for_url(base + "/search/saved/")
    assert page.get_by_text("已保存检索“VOCs 废气”").is_visible()
    assert page.get_by_text("检索词：挥发性有机物").is_visible()
    assert SavedSearch.objects.get().owner.username == "officer_hangzhou"
    screenshot("alerts-2-saved-list")

    create_case(ref="ZJ-HZ-ALERT-2", title=NEW_CASE)  # published: indexed, matched, mailed after the commit
    [message] = mail.outbox
    assert message.to == ["officer_hangzhou@casebase.invalid"] and NEW_CASE in message.subject

    page.reload()
    assert page.get_by_text("新增 1 件").is_visible()
    screenshot("alerts-3-new-match")
    page.goto(base + "/admin/")
    panel = page.locator("section[aria-labelledby=casebase-alert-notices-heading]")
    assert "检索提醒（1 条未读）" in panel.inner_text() and NEW_CASE in panel.inner_text()
    assert page.locator("nav, aside").get_by_text("检索提醒（1）").first.is_visible()
    screenshot("alerts-4-dashboard-notice")

    panel.get_by_role("link", name=NEW_CASE).click()
    page.wait_for_url(base + "/cases/**")
    assert page.locator("h1").inner_text().startswith("杭州某家具制造有限公司")
