"""The Content-Security-Policy (django-csp) blocks nothing that Casebase's own admin and public
pages need: a real browser loads the editor, the explorer and the search page, uses their
scripts, and reports no violation."""
import pytest

from casebase.cases.demo_accounts import DEMO_PASSWORD
from casebase.cases.models import CasePage
from search import indexing
from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


@pytest.fixture
def watched_page(page):
    """The page, recording CSP violations (events and console messages) of every document."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.csp_console = console
    return page


def violations(page) -> list[str]:
    events = page.evaluate("window.__cspViolations || []")
    return events + [text for text in page.csp_console if "Content Security Policy" in text]


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], url


def test_admin_and_public_pages_work_under_the_csp(live_server, reference_data, library, search_index, watched_page):
    from casebase.cases.demo_accounts import create_demo_accounts

    create_demo_accounts()
    case = create_case(publish=True, title="杭州某化工有限公司超标排放废气案")
    indexing.sync_case(case.pk)
    indexing.refresh()
    base, page = live_server.url, watched_page

    response = page.request.get(base + "/search/")
    assert "script-src 'self'" in response.headers["content-security-policy"]

    visit(page, base + "/")
    visit(page, base + CasePage.objects.get(pk=case.pk).url)
    visit(page, base + "/search/?q=废气")
    page.locator("#search-q-main").fill("")
    page.locator("#search-q-main").press_sequentially("大气")  # the static script shows suggestions
    page.wait_for_selector("#search-q-main-list [role=option]")
    page.select_option("select[name=sort]", index=1)
    page.get_by_role("button", name="应用", exact=True).click()
    page.wait_for_url("**sort=**")
    assert violations(page) == []

    visit(page, base + "/admin/login/")
    page.fill("#id_username", "province_admin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(base + "/admin/")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    visit(page, f"{base}/admin/pages/{library.pk}/")
    with page.expect_request(lambda request: "/admin/casebase-discretion/" in request.url):
        page.goto(f"{base}/admin/pages/{case.pk}/edit/")  # the editor runs the discretion panel script
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_fine_yuan").is_visible()
    assert violations(page) == []
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()  # the editor's scripts run
    assert violations(page) == []
