"""The search page from the keyboard: choosing a filter changes nothing until it is applied
(WCAG 3.2.2), a skip link passes the filters, the suggestions are an ARIA 1.2 combobox, and the
focus ring is the two-tone one."""
from urllib.parse import parse_qs, urlsplit

import pytest

from search import indexing
from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cases(live_server, reference_data, library, search_index):
    create_case(ref="ZJ-2024-0113")
    create_case(ref="ZJ-2024-0114", title="大气污染防治设施不正常运行案", city="温州市", county=None,
                violation_types=["大气污染", "排污许可"])
    indexing.sweep()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def active(page, expression: str):
    return page.evaluate(f"document.activeElement.{expression}")


def test_filters_apply_on_the_button_and_focus_stays_where_it_was(cases, live_server, page, screenshot):
    page.goto(live_server.url + "/search/?q=废气")
    box = page.get_by_role("checkbox", name="排污许可")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked() and "violation_type" not in query_of(page)  # no reload on input
    assert active(page, "value") == "排污许可"
    sort = page.get_by_role("combobox", name="排序")
    sort.focus()
    sort.select_option("-date")
    assert "sort" not in query_of(page) and active(page, "name") == "sort"
    page.get_by_role("button", name="应用筛选").click()
    page.wait_for_url("**/search/?*violation_type=*")
    assert query_of(page)["violation_type"] == ["排污许可"] and query_of(page)["sort"] == ["-date"]
    assert page.get_by_role("checkbox", name="排污许可").is_checked()
    screenshot("search-filters-applied", full_page=False)


def test_a_skip_link_passes_the_filters_to_the_results(cases, live_server, page):
    page.goto(live_server.url + "/search/?q=废气")
    skip = page.get_by_role("link", name="跳过筛选条件，到检索结果")
    skip.focus()
    assert skip.is_visible()  # shown when it has focus
    page.keyboard.press("Enter")
    assert active(page, "id") == "results"
    page.keyboard.press("Tab")  # the next stop is in the results, not a facet
    assert page.evaluate("document.activeElement.closest('#results') !== null")


def test_the_suggestions_are_a_combobox_used_from_the_keyboard(cases, live_server, page, screenshot):
    page.goto(live_server.url + "/search/")
    box = page.get_by_role("combobox", name="检索案例")
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("大气")
    listbox = page.get_by_role("listbox", name="检索建议")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    count = options.count()
    assert count >= 2 and box.get_attribute("aria-expanded") == "true"
    assert page.locator("#search-q-main-status").inner_text() == f"有 {count} 条建议，按上下方向键选择，回车确认"

    box.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    assert active(page, "id") == "search-q-main"  # focus stays in the text box
    screenshot("search-suggestions", full_page=False)
    box.press("ArrowUp")  # up from the first option: the last one
    assert box.get_attribute("aria-activedescendant") == options.nth(count - 1).get_attribute("id")

    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and not listbox.is_visible()
    assert box.get_attribute("aria-activedescendant") is None and box.input_value() == "大气"

    box.press("ArrowDown")  # opens again on the first option
    chosen = options.nth(0).inner_text()
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert query_of(page)["q"] == [chosen]


def test_the_focus_ring_is_dark_with_a_light_halo(cases, live_server, page):
    page.goto(live_server.url + "/search/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the first link of the green header
    style = page.evaluate("(e => { const s = getComputedStyle(e); return [s.outlineColor, s.outlineStyle, s.boxShadow]; })"
                          "(document.activeElement)")
    assert style[0] == "rgb(31, 41, 51)" and style[1] == "solid" and "rgb(255, 255, 255)" in style[2]
