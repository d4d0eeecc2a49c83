"""axe-core (WCAG 2.1 A and AA rules) over every public page and the admin pages each role uses,
in Debian's chromium. Screenshots of each page go to tests/screenshots/axe-*.png.

In the admin, Wagtail's own chrome is excluded: the sidebar, the slim header with its breadcrumbs
and side-panel toggles, the side panels (status, preview, comments), the minimap, the editor's
footer action menu, its messages and its keyboard-shortcuts dialog. That markup is Wagtail's; Casebase could only
change it by overriding Wagtail's admin templates, which it does not do (a fault there is
reported upstream). Everything else is checked: Casebase's own admin pages whole, and in the
editor the form itself, i.e. our fields, widgets, panels and their labels."""
import pytest

from tests.browser.axe_audit import audit, describe
from tests.browser.test_review_journey import sign_in
from tests.sample_site import build_sample_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAGTAIL_CHROME = [
    "a.skiplink", "#wagtail-sidebar", ".w-slim-header", "[data-side-panel]", "[data-side-panel-toggle]",
    "[data-minimap-container]", ".w-minimap", "footer.footer", "[data-w-dropdown-target='content']",
    "[data-w-messages-target='container']", "#keyboard-shortcuts-dialog",
]


@pytest.fixture
def site(live_server, reference_data, library, search_index, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_sample_site(library, login)


@pytest.fixture
def axe_page(browser):
    """A page whose context lets axe's script in past the site's Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_public_and_admin_pages_have_no_wcag_violations(site, live_server, axe_page):
    page = axe_page
    failures = []
    for name, url in site.public.items():
        page.goto(live_server.url + url)
        page.screenshot(path=str(screenshot_path(f"axe-{name}")), full_page=True)
        if violations := audit(page):
            failures.append(f"{name} {url}:\n{describe(violations)}")
    # The suggestions open under the search box: the combobox and its listbox are checked too.
    page.goto(live_server.url + "/search/")
    page.locator("#search-q-main").press_sequentially("大气")
    page.wait_for_selector("#search-q-main-list [role=option]")
    if violations := audit(page):
        failures.append(f"search suggestions:\n{describe(violations)}")

    for username, pages in site.admin.items():
        sign_in(page, live_server.url, username)
        for name, url in pages:
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(screenshot_path(f"axe-{username}-{name}")), full_page=True)
            if violations := audit(page, exclude=WAGTAIL_CHROME):
                failures.append(f"{username} {name} {url}:\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)


def test_the_editor_names_its_rich_text_boxes_and_keyword_box_after_their_labels(site, live_server, axe_page):
    """What axe reported before (aria-input-field-name, label): now each box has its field's name."""
    page = axe_page
    sign_in(page, live_server.url, "city_hangzhou")
    page.goto(live_server.url + dict(site.admin["city_hangzhou"])["editor"])
    for label in ("基本案情", "查处情况", "典型意义"):
        assert page.get_by_role("textbox", name=label, exact=True).count() == 1, label
    assert page.locator(".tagit-new input").get_attribute("aria-labelledby") == "id_keywords-label"
    assert page.get_by_role("textbox", name="关键词", exact=True).count() == 1


def screenshot_path(name: str):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
