"""A visitor opens the home page, follows a case and one of its cited articles."""
import pytest

from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_case_and_law_pages_in_a_real_browser(live_server, reference_data, library, search_index, page, screenshot):
    case = create_case(ref="ZJ-2024-0113", commended=True)
    create_case(ref="ZJ-2024-0114", title="温州某电镀有限公司私设暗管排放含镍废水案", city="温州市", county=None)

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.get_by_role("heading", level=1).inner_text() == "生态环境执法典型案例库"
    screenshot("home")

    page.get_by_role("link", name=case.title).first.click()
    page.wait_for_url("**/zj-2024-0113/")
    assert page.get_by_role("heading", level=1).inner_text() == case.title
    assert page.get_by_text("优秀典型案例").first.is_visible()
    screenshot("case")

    page.get_by_role("link", name="《中华人民共和国大气污染防治法》第一百零八条第（一）项").click()
    page.wait_for_url("**/laws/**#article-108-1-1")
    target = page.locator("#article-108-1-1")
    assert target.inner_text().startswith("（一）产生含挥发性有机物废气")
    assert target.is_visible()
    screenshot("law", full_page=False)

    # Keyboard users reach the main content first.
    page.goto(live_server.url + "/cases/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("library-phone")
