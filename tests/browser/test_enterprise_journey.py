"""An enterprise without an account, on a phone: home page → its industry's guide → a case → the PDFs."""
import pytest

from casebase.guides.loader import load_guides
from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_enterprise_finds_its_guide_ticks_the_checklist_and_downloads_pdfs(live_server, reference_data, library, search_index, page, screenshot):
    load_guides(library.get_parent().specific)
    case = create_case(
        ref="ZJ-2024-0501", title="温州某电镀有限公司含镍废水超标排放案", city="温州市", county=None,
        industry="C33", violation_types=["水污染"],
        violated=[{"law": "中华人民共和国水污染防治法", "article": 10, "paragraph": None, "item": None}],
        penalty_basis=[{"law": "中华人民共和国水污染防治法", "article": 83, "paragraph": None, "item": 2}],
    )
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="找到您的行业").fill("我们做镀锌")
    screenshot("enterprise-home-phone")
    page.get_by_role("button", name="查找指南").click()
    page.wait_for_url("**/guides/?q=*")
    page.get_by_role("link", name="电镀企业环境执法简要指南").click()
    page.wait_for_url("**/guides/electroplating/")
    assert page.get_by_role("heading", level=1).inner_text() == "电镀企业环境执法简要指南"
    screenshot("enterprise-guide-phone", full_page=False)

    # The self-check list ticks with the keyboard alone and counts without JavaScript.
    page.get_by_label("是否已取得环评批复，配套环保设施是否已通过竣工环境保护验收？").focus()
    page.keyboard.press("Space")
    page.locator("#check-2").check()
    assert page.locator(".checklist input:checked").count() == 2
    page.locator("#checklist").scroll_into_view_if_needed()
    screenshot("enterprise-checklist-phone", full_page=False)

    guide_pdf = page.request.get(live_server.url + page.get_by_role("link", name="下载 PDF").get_attribute("href"))
    assert guide_pdf.headers["content-type"] == "application/pdf" and guide_pdf.body().startswith(b"%PDF")

    page.locator("#violations").get_by_role("link", name=case.title).first.click()
    page.wait_for_url("**/zj-2024-0501/")
    assert page.get_by_role("heading", level=1).inner_text() == case.title
    screenshot("enterprise-case-phone", full_page=False)
    case_pdf = page.request.get(live_server.url + page.get_by_role("link", name="下载本案 PDF").get_attribute("href"))
    assert case_pdf.headers["content-type"] == "application/pdf" and case_pdf.body().startswith(b"%PDF")
