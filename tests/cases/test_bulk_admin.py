"""批量导入 and 案例导出 in the admin: upload → line-by-line check → import in the worker, for a
provincial administrator (anywhere, drafts or published) and a city's submitter (own city,
drafts only); exports that import again as updates of the same cases."""
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from casebase.cases.bulk_models import ImportJob
from casebase.cases.models import CasePage
from tests.cases.bulk_files import csv_bytes, jsonl_bytes, xlsx_bytes
from tests.factories import case_record, create_case

pytestmark = pytest.mark.django_db
UPLOAD = "/admin/cases/import/"


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """upload(client, name, data) → the job page response after the worker checked the file."""
    def send(client, name: str, data: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
        return response

    return send


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    def send(client, job: ImportJob, publish: bool = False):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/admin/cases/import/{job.pk}/start/", {"publish": "1" if publish else "0"})

    return send


def latest_job(user) -> ImportJob:
    return ImportJob.objects.filter(user=user).latest("created_at")


def test_administrator_checks_then_publishes_with_an_audit_entry(login, accounts, upload, start, search_index):
    client = login("province_admin")
    left_to_extraction = {k: v for k, v in case_record(ref="ADM-1").items() if k not in ("violated", "penalty_basis", "measures")}
    records = [left_to_extraction,
               case_record(ref="ADM-2", city="昆明市", province="云南省", county=None, unit="昆明市生态环境局"),
               case_record(ref="ADM-3", fine_yuan="十万", decision_date="2024-02-30")]
    response = upload(client, "cases.jsonl", jsonl_bytes(records))
    job = latest_job(accounts["province_admin"])
    assert response.status_code == 302 and response["Location"] == f"/admin/cases/import/{job.pk}/"
    assert job.status == ImportJob.Status.CHECKED and not CasePage.objects.exists()  # checking writes nothing

    preview = client.get(response["Location"]).content.decode()
    assert "共 3 行：<strong>2</strong> 行可以导入（新建 2 条，更新已有案例 0 条），<strong>1</strong> 行有问题" in preview
    # Problems by field, in Chinese, and what extraction fills for the line that leaves it out.
    assert "<strong>决定日期</strong>：日期格式错误：“2024-02-30”，应为 YYYY-MM-DD" in preview
    assert "<strong>罚款金额（元）</strong>：罚款金额不是数字：“十万”" in preview
    assert "违反条款：《中华人民共和国大气污染防治法》第四十五条" in preview and "将自动提取" in preview, job.report[0]
    assert 'name="publish" value="1"' in preview

    start(client, job, publish=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.result["created"] == 2 and job.result["rejected"] == 1
    done = client.get(f"/admin/cases/import/{job.pk}/").content.decode()
    assert "导入完成：新建 2 条，更新 0 条，拒绝 1 条" in done and "其中 2 条已直接发布" in done
    kunming = CasePage.objects.get(ref="ADM-2")
    assert kunming.live and kunming.get_parent().title == "昆明市"
    assert PageLogEntry.objects.filter(page=kunming, action="cases.import").exists()
    assert not CasePage.objects.filter(ref="ADM-3").exists()


def test_a_submitter_imports_drafts_of_the_own_city_only(login, accounts, upload, start):
    client = login("city_hangzhou")
    records = [case_record(ref="HZ-1"), case_record(ref="WZ-1", city="温州市", county=None)]
    upload(client, "cases.xlsx", xlsx_bytes(records))
    job = latest_job(accounts["city_hangzhou"])
    preview = client.get(job.get_absolute_url()).content.decode()
    assert "本行的案例属于温州市，您只能导入本市（杭州市）的案例" in preview
    assert 'name="publish"' not in preview  # drafts only

    start(client, job, publish=True)  # asking to publish is ignored for a submitter
    hangzhou = CasePage.objects.get(ref="HZ-1")
    assert not hangzhou.live and hangzhou.get_parent().title == "杭州市" and hangzhou.owner == accounts["city_hangzhou"]
    assert not CasePage.objects.filter(ref="WZ-1").exists()

    # Another city's submitter sees none of the job's pages.
    other = login("city_wenzhou")
    for url in (job.get_absolute_url(), f"{job.get_absolute_url()}status/"):
        assert other.get(url).status_code == 404
    assert other.post(f"{job.get_absolute_url()}start/").status_code == 404
    assert "cases.xlsx" not in other.get(UPLOAD).content.decode()


def test_a_submitter_cannot_update_another_citys_case_through_its_ref(login, accounts, upload):
    create_case(ref="WZ-OLD", city="温州市", county=None, publish=False)
    client = login("city_hangzhou")
    upload(client, "cases.jsonl", jsonl_bytes([case_record(ref="WZ-OLD")]))
    job = latest_job(accounts["city_hangzhou"])
    assert job.report[0]["problems"][0]["message"].startswith("案例编号 WZ-OLD 已被您无权修改的案例使用")


def test_roles_without_cases_may_not_import(login):
    response = login("reviewer_business").get(UPLOAD)
    assert response.status_code == 403 and "只有省级管理员和地市案例报送员可以批量导入案例" in response.content.decode()


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("cases.csv", b"\x89PNG\r\n\x1a\n" + bytes(300), "的内容不是文本（是PNG 图片），请上传 CSV 文本文件"),
    ("cases.csv", "案例编号,标题\n".encode() + "甲".encode() + b"\xff\n", "第 2 行的编码已损坏"),
    ("cases.xlsx", b"PK\x03\x04" + bytes(100), "已损坏，无法作为 Excel 文件打开"),
])
def test_an_unreadable_file_is_refused_on_the_form(login, upload, name, data, reason):
    response = upload(login("province_admin"), name, data)
    assert response.status_code == 200 and reason in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_of_100000_lines_is_refused_by_the_worker_without_reading_it_whole(login, accounts, upload):
    client = login("province_admin")
    lines = "案例编号,标题,省份,办案单位,决定日期\n" + "".join(f"R-{n},标题,浙江省,单位,2024-01-01\n" for n in range(100_000))
    response = upload(client, "cases.csv", lines.encode())
    job = latest_job(accounts["province_admin"])
    assert job.status == ImportJob.Status.FAILED and not job.content and not job.lines
    page = client.get(response["Location"]).content.decode()
    assert "“cases.csv”超过每次导入的上限 2000 条案例，请拆分为每份不超过 2000 条后分批上传。" in page
    assert not CasePage.objects.exists()


def test_a_file_above_the_size_limit_is_refused_while_it_arrives(login, upload, settings):
    settings.BULK_IMPORT_MAX_UPLOAD_SIZE = 50_000
    response = upload(login("province_admin"), "cases.jsonl", jsonl_bytes([case_record()]) + b" " * 60_000)
    assert "文件超过 0.0476837 MB，请拆分后分批上传" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_gbk_csv_from_excel_is_read_and_said_so(login, accounts, upload):
    client = login("province_admin")
    upload(client, "cases.csv", csv_bytes([case_record(ref="GBK-1", title="杭州某印染厂超标排放废水案")], "gbk"))
    job = latest_job(accounts["province_admin"])
    assert job.report[0]["action"] == "create" and job.report[0]["title"] == "杭州某印染厂超标排放废水案"
    assert "文件编码识别为 gb18030，已转换。" in client.get(job.get_absolute_url()).content.decode()


def test_xlsx_round_trip_updates_the_same_cases(login, accounts, upload, start):
    create_case(ref="RT-1", publish=True, keywords=["VOCs"])
    create_case(ref="RT-2", publish=False, city="温州市", county=None, violated=[
        {"law": "浙江省大气污染防治条例", "article": 30, "paragraph": None, "item": None, "external": True}])
    client = login("province_admin")
    exported = client.get("/admin/cases/export/", {"fmt": "xlsx"})
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    headings = [c.value for c in sheet[1]]
    assert rows["RT-2"][headings.index("违反条款")] == "《浙江省大气污染防治条例》第三十条（本库未收录）"
    assert rows["RT-1"][headings.index("处罚依据")] == "《中华人民共和国大气污染防治法》第一百零八条第（一）项"
    before = {case.ref: _facts(case) for case in CasePage.objects.all()}

    upload(client, "export.xlsx", exported.content)
    job = latest_job(accounts["province_admin"])
    assert [line["action"] for line in job.report] == ["update", "update"], job.report
    start(client, job)
    assert CasePage.objects.count() == 2
    assert {case.ref: _facts(case) for case in CasePage.objects.all()} == before


def _facts(case) -> dict:
    latest = case.get_latest_revision_as_object()
    return {
        "title": latest.title, "fine": latest.fine_yuan, "industry": latest.industry_id, "city": latest.city_id,
        "citations": sorted(str(c) for c in latest.citations.all()),
        "measures": sorted(m.name for m in latest.measures.all()),
        "types": sorted(v.name for v in latest.violation_types.all()),
        "facts": latest.basic_facts,
    }


def test_the_export_page_filters_and_shows_only_what_the_user_may_see(login):
    create_case(ref="SEE-HZ", publish=False)
    create_case(ref="SEE-WZ", publish=False, city="温州市", county=None)
    create_case(ref="SEE-WZ-LIVE", publish=True, city="温州市", county=None)
    client = login("city_hangzhou")
    page = client.get("/admin/cases/export/").content.decode()
    assert "共 2 件案例" in page and "SEE-HZ" in page and "SEE-WZ-LIVE" in page and "SEE-WZ<" not in page
    exported = client.get("/admin/cases/export/", {"fmt": "jsonl", "status": "draft"})
    assert [json.loads(line)["ref"] for line in exported.content.decode().splitlines()] == ["SEE-HZ"]


def test_page_listings_offer_their_cases_export_and_the_template_downloads(login, accounts):
    from casebase.cases.models import CityIndexPage

    client = login("city_hangzhou")
    hangzhou = CityIndexPage.objects.get(division__name="杭州市")
    listing = client.get(f"/admin/pages/{hangzhou.pk}/").content.decode()
    assert f'href="/admin/cases/export/?city={hangzhou.pk}"' in listing and "导出案例" in listing
    template = client.get("/admin/cases/import/template.xlsx")
    headings = [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]]
    assert headings[:2] == ["案例编号", "标题"] and "违反条款" in headings


@pytest.mark.parametrize(("attempts", "status", "note"), [
    (1, ImportJob.Status.IMPORTING, "处理中断，已重新排队"),
    (3, ImportJob.Status.FAILED, "处理中断，请重新上传"),
])
def test_a_job_whose_worker_died_says_so_on_its_page(login, accounts, attempts, status, note):
    from casebase.cases.bulk_tasks import IMPORT_TASK_PATH
    from tests.compilations.test_task_recovery import dead_worker_id, running_task

    job = ImportJob.objects.create(user=accounts["province_admin"], filename="cases.jsonl", total=10, done=4,
                                   status=ImportJob.Status.IMPORTING, status_note="正在导入")
    running_task(IMPORT_TASK_PATH, [job.pk], [dead_worker_id() for _ in range(attempts)])
    page = login("province_admin").get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert (job.status, job.status_note) == (status, note) and note in page
