"""A provincial administrator in a real browser: uploads an Excel file of cases, reads the
line-by-line check, imports the valid lines (published), then exports the cases; and the job
page follows a check running in the worker until it ends."""
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from casebase.cases.bulk_models import ImportJob
from casebase.cases.demo_accounts import create_demo_accounts
from casebase.cases.models import CasePage
from tests.browser.test_review_journey import sign_in
from tests.cases.bulk_files import xlsx_bytes
from tests.factories import case_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_check_import_export(live_server, reference_data, library, search_index, page, screenshot, tmp_path):
    create_demo_accounts()
    base = live_server.url
    records = [
        case_record(ref="BR-1"),
        {k: v for k, v in case_record(ref="BR-2", city="温州市", county=None).items() if k not in ("violated", "measures")},
        case_record(ref="BR-3", decision_date="2024-13-01", industry="Z99"),
    ]
    workbook = tmp_path / "典型案例.xlsx"
    workbook.write_bytes(xlsx_bytes(records))

    sign_in(page, base, "province_admin")
    page.get_by_role("link", name="批量导入").first.click()
    page.set_input_files("input[name=file]", str(workbook))
    screenshot("bulk-1-upload")
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_selector("text=检查结果")
    assert page.get_by_text("共 3 行：2 行可以导入").is_visible()
    assert page.get_by_text("日期格式错误：“2024-13-01”").is_visible()
    assert page.get_by_text("未知的行业代码：Z99").is_visible()
    screenshot("bulk-2-preview")

    page.get_by_label("直接发布").check()
    page.get_by_role("button", name="导入 2 条检查通过的案例").click()
    page.wait_for_selector("text=导入结果")
    assert page.get_by_text("导入完成：新建 2 条，更新 0 条，拒绝 1 条").is_visible()
    screenshot("bulk-3-result")
    assert set(CasePage.objects.live().values_list("ref", flat=True)) == {"BR-1", "BR-2"}

    page.get_by_role("link", name="案例导出").first.click()
    page.get_by_label("编号或标题含").fill("BR-")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_selector("text=共 2 件案例")
    screenshot("bulk-4-export")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel（.xlsx）").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["BR-1", "BR-2"]


def test_the_job_page_follows_a_running_check(live_server, reference_data, library, page, screenshot):
    create_demo_accounts()
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="province_admin")
    job = ImportJob.objects.create(user=admin, filename="cases.jsonl", file_format="jsonl", total=40, done=10,
                                   status_note="正在逐行检查")
    sign_in(page, live_server.url, "province_admin")
    page.goto(live_server.url + job.get_absolute_url())
    assert page.locator("progress").get_attribute("value") == "25"
    job.report_progress(30)
    expect(page.locator("progress")).to_have_attribute("value", "75")  # the page asked the status again
    expect(page.locator("[data-bulk-text]")).to_contain_text("30 / 40 行")
    screenshot("bulk-0-progress")
    job.report_progress(40, status=ImportJob.Status.CHECKED, report=[], status_note="检查完成")
    page.wait_for_selector("text=检查结果", timeout=10_000)  # reloaded once the check ended
