"""A business reviewer searches from the dashboard in a real browser: the case under review is
found, another city's unsubmitted draft is not, and no refusal or English sentence appears."""
import pytest

from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNDER_REVIEW = "杭州某漆包线厂挥发性有机物无组织排放案"
NEVER_SUBMITTED = "温州某鞋厂挥发性有机物无组织排放案"


def sign_in(page, live_server, username):
    from casebase.cases.demo_accounts import DEMO_PASSWORD

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/admin/")


def test_a_reviewer_finds_the_case_in_review_from_the_dashboard(
    reference_data, live_server, library, search_index, page, screenshot
):
    from casebase.cases.demo_accounts import create_demo_accounts
    from tests.editor import edit

    create_demo_accounts()
    hangzhou = create_case(ref="T-BRS-1", title=UNDER_REVIEW, publish=False)
    create_case(ref="T-BRS-2", title=NEVER_SUBMITTED, city="温州市", county=None, publish=False)
    from django.contrib.auth import get_user_model
    from django.test import Client

    submitter = Client()
    submitter.force_login(get_user_model().objects.get(username="city_hangzhou"))
    assert edit(submitter, hangzhou).status_code == 302  # submitted: now at 业务审核

    sign_in(page, live_server, "reviewer_business")
    search_box = page.locator("input[name=q]").first
    search_box.fill("挥发性有机物")
    search_box.press("Enter")
    page.wait_for_url("**/admin/pages/search/**")
    page.wait_for_selector(f"text={UNDER_REVIEW}")
    screenshot("reviewer-search")

    text = page.locator("body").inner_text()
    assert UNDER_REVIEW in text
    assert NEVER_SUBMITTED not in text
    assert "没有权限" not in text
    assert "None" not in text  # the row count names 页面 for one hit too
    assert "Search all pages" not in page.content()
