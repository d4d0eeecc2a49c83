"""The case editor in a real browser: the region lists follow the choices, industries are
searched in the chooser, and the rich-text editor's own JavaScript speaks Chinese."""
import pytest

from casebase.cases.models import CityIndexPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_in_the_browser_the_lists_follow_the_choices_and_the_editor_speaks_chinese(
    reference_data, live_server, library, page
):
    from casebase.cases.demo_accounts import DEMO_PASSWORD, create_demo_accounts

    create_demo_accounts()
    hangzhou = CityIndexPage.objects.get(title="杭州市")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "city_hangzhou")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(f"{live_server.url}/admin/pages/add/cases/casepage/{hangzhou.pk}/")

    assert page.locator("#id_city option:checked").inner_text() == "杭州市"
    page.select_option("#id_city", label="温州市")
    page.wait_for_function("() => [...document.querySelectorAll('#id_county option')].some(o => o.text === '鹿城区')")
    assert "西湖区" not in page.locator("#id_county").inner_text()

    page.locator("[data-chooser-action-choose]").first.click()
    page.fill(".modal input[name=q]", "造纸")
    page.wait_for_selector(".modal a:has-text('C22 造纸和纸制品业')").click()
    page.wait_for_function("() => document.querySelector('#id_industry').value !== ''")

    # Draftail shows its placeholder ("Write something or type ‘/’…" in English) in an empty,
    # focused block: the text comes from Wagtail's JS catalogue.
    page.locator(".public-DraftEditor-content").first.click()
    page.wait_for_function("() => document.body.innerHTML.includes('插入块')")
    assert "Write something" not in page.content()
