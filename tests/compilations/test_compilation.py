"""A provincial administrator requests a compilation; it is built in the background as PDF and DOCX."""
import datetime
import re

import docx
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from pdfminer.high_level import extract_text

from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebase.cases.models import CasePage, Correction
from casebase.compilations.models import Compilation
from casebase.compilations.periods import period_label, period_range
from casebase.compilations.tasks import FAILED_NOTE, build_compilation
from casebase.review.reports import Quarter
from casebase.review.roles import BUSINESS_REVIEWERS
from casebase.taxonomy.models import Division, Industry, ViolationType
from tests.factories import create_case

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_compilations_compilation:add"


def built(**fields) -> Compilation:
    compilation = Compilation.objects.create(**fields)
    build_compilation.call(compilation.pk)
    compilation.refresh_from_db()
    return compilation


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"year": 1999, "kind": "year"}, "年度应在 2000 年至今年之间"),
        ({"year": 2024, "kind": "quarter", "part": 5}, "请选择第几季度：1 至 4"),
        ({"year": 2024, "kind": "half", "part": None}, "半年应为 1（上半年）或 2（下半年）"),
        ({"year": 2024, "kind": "year", "part": 2}, "全年汇编不用选择第几期"),
        ({"year": 2024, "kind": "quarter", "part": 1}, "2024年第1季度内没有已发布的案例，请选择其他期间"),
        ({"year": 2024, "kind": "quarter", "part": 2, "commended_only": True}, "2024年第2季度内没有符合筛选条件（优秀典型案例）的已发布案例"),
    ],
)
def test_bad_periods_and_empty_selections_are_explained(cases_2024, fields, message):
    with pytest.raises(ValidationError) as error:
        Compilation(**fields).full_clean()
    assert message in str(error.value)


def test_periods_cover_their_days_and_read_in_chinese():
    assert period_range(2024, "quarter", 4) == (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    assert period_range(2024, "half", 1) == (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    assert period_range(2024, "year", None) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert [period_label(2024, "quarter", 2), period_label(2024, "half", 2), period_label(2024, "year", None)] == [
        "2024年第2季度", "2024年下半年", "2024年",
    ]


def test_a_quarter_is_the_quarter_of_the_quarterly_tracking():
    for number in (1, 2, 3, 4):
        quarter = Quarter(2024, number)
        assert period_range(2024, "quarter", number) == (quarter.start, quarter.end - datetime.timedelta(days=1))
        assert period_label(2024, "quarter", number) == str(quarter) == f"2024年第{number}季度"


def test_filters_choose_the_cases(cases_2024):
    air, water, noise = cases_2024
    assert list(Compilation(year=2024, kind="quarter", part=4).cases()) == [air, noise]
    assert list(Compilation(year=2024, kind="half", part=1).cases()) == [water]
    assert list(Compilation(year=2024, kind="year", commended_only=True).cases()) == [air]
    from casebase.taxonomy.models import Industry

    CasePage.objects.filter(pk=noise.pk).update(withdrawn_on=datetime.date(2025, 1, 2))
    assert list(Compilation(year=2024, kind="quarter", part=4).cases()) == [air]
    assert list(Compilation(year=2024, kind="year", industry=Industry.objects.get(code="C33")).cases()) == [water]


def test_pdf_has_cover_contents_groups_provision_index_and_commended_units(cases_2024):
    air, water, noise = cases_2024
    compilation = built(year=2024, kind="year")
    assert compilation.status == Compilation.Status.DONE and compilation.progress == 100
    assert compilation.case_count == 3
    text = compact(extract_text(compilation.pdf.path))
    contents = text.split("目录", 1)[1]
    for entry in ("一、大气污染", "二、水污染", "三、噪声污染", f"1.{air.title}", f"2.{water.title}", "法律条款索引", "受表扬单位名单"):
        assert entry in contents, entry
    assert "生态环境执法典型案例汇编（2024年）" in text
    assert "《中华人民共和国大气污染防治法》第一百零八条第（一）项" in text
    assert "基本案情" in text and "典型意义" in text
    commended_list = text.rsplit("受表扬单位名单", 1)[1]
    assert air.unit in commended_list and water.title not in commended_list


def test_docx_has_contents_field_headings_and_tables(cases_2024):
    air, water, noise = cases_2024
    compilation = built(year=2024, kind="year")
    document = docx.Document(compilation.docx.open("rb"))
    paragraphs = [p.text for p in document.paragraphs]
    toc_start = paragraphs.index("目录")
    toc = paragraphs[toc_start + 1: toc_start + 9]
    assert toc[:2] == ["一、大气污染", f"　　1. {air.title}"] and toc[-2:] == ["法律条款索引", "受表扬单位名单"]
    assert 'TOC \\o "1-2"' in document.element.xml
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["目录", "一、大气污染", f"1. {air.title}"]
    provision_rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["《中华人民共和国水污染防治法》第十条", "ZJ-2024-0302"] in provision_rows
    assert [c.text for c in document.tables[1].rows[1].cells][:2] == [air.unit, air.title]


def test_both_editions_head_a_case_alike_with_its_fine_and_corrections(cases_2024):
    air = cases_2024[0]
    Correction.objects.create(page=air, corrected_on=datetime.date(2025, 1, 3), reason="更正罚款金额")
    CasePage.objects.filter(pk=air.pk).update(basic_facts="<p>该公司称&quot;已整改&quot; &amp; 达标。</p>")
    compilation = built(year=2024, kind="year")
    header = "案例编号：ZJ-2024-0301　办案单位：杭州市生态环境局　地区：浙江省杭州市余杭区　决定日期：2024年11月6日　罚款：120,000 元"
    notice = "本案例于 2025年1月3日 更正：更正罚款金额"
    paragraphs = [p.text for p in docx.Document(compilation.docx.open("rb")).paragraphs]
    assert header in paragraphs and notice in paragraphs
    assert '该公司称"已整改" & 达标。' in paragraphs  # entities decoded, not printed
    assert not any(re.search(r"\d{4}年0\d月|月0\d日", text) for text in paragraphs)  # 2024年3月5日, not 2024年03月05日
    pdf_text = compact(extract_text(compilation.pdf.path))
    assert compact(header) in pdf_text and compact(notice) in pdf_text


def test_a_failed_build_says_so_in_chinese_and_logs_the_error(cases_2024, monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise RuntimeError("WeasyPrint could not lay out the document " * 20)

    monkeypatch.setattr("casebase.compilations.tasks.render_pdf", fail)
    compilation = Compilation.objects.create(year=2024, kind="year")
    with pytest.raises(RuntimeError):
        build_compilation.call(compilation.pk)
    compilation.refresh_from_db()
    assert (compilation.status, compilation.progress_note) == (Compilation.Status.FAILED, FAILED_NOTE)
    assert any(record.exc_info and "WeasyPrint" in str(record.exc_info[1]) for record in caplog.records)


def test_the_admin_lists_cost_the_same_for_more_rows(client, province_admin, cases_2024):
    from casebase.compilations.demo import create_demo_disclosure

    client.force_login(province_admin)
    filters = {
        "city": Division.objects.get(name="杭州市", level=2), "industry": Industry.objects.get(code="C26"),
        "violation_type": ViolationType.objects.get(name="大气污染"),
    }

    def queries(url_name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured)

    compilations, batches = "wagtailsnippets_compilations_compilation:list", "wagtailsnippets_compilations_disclosurebatch:list"
    Compilation.objects.create(year=2024, kind="year", **filters)
    create_demo_disclosure(cases_2024[0].get_parent().get_parent().get_parent())
    few = (queries(compilations), queries(batches))
    for year in (2021, 2022, 2023):
        Compilation.objects.create(year=year, kind="year", **filters)
        create_case(ref=f"ZJ-{year}-0001", decision_date=f"{year}-03-01")
    create_demo_disclosure(cases_2024[0].get_parent().get_parent().get_parent())
    assert (queries(compilations), queries(batches)) == few


def test_administrator_requests_a_compilation_and_downloads_it(client, province_admin, cases_2024, django_capture_on_commit_callbacks):
    client.force_login(province_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(ADD_URL), {"year": 2024, "kind": "quarter", "part": 4})
    assert response.status_code == 302
    compilation = Compilation.objects.get()
    assert (compilation.status, compilation.requested_by) == (Compilation.Status.DONE, province_admin)
    listing = client.get(reverse("wagtailsnippets_compilations_compilation:list")).content.decode()
    assert "已完成：共 2 件案例" in listing and 'value="100"' in listing
    download = client.get(reverse("compilations_download", args=[compilation.pk, "pdf"]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert client.get(reverse("compilations_download", args=[compilation.pk, "exe"])).status_code == 404


def test_bad_input_in_the_admin_gets_a_chinese_message_not_an_error(client, province_admin, cases_2024):
    client.force_login(province_admin)
    response = client.post(reverse(ADD_URL), {"year": 2024, "kind": "quarter", "part": 1})
    assert response.status_code == 200
    assert "2024年第1季度内没有已发布的案例" in response.content.decode()
    response = client.post(reverse(ADD_URL), {"year": "明年", "kind": "quarter", "part": 1})
    assert response.status_code == 200 and not Compilation.objects.exists()


def test_only_provincial_administrators_reach_compilations(client, django_user_model, cases_2024):
    compilation = built(year=2024, kind="year")
    reviewer = django_user_model.objects.create_user("reviewer_test", password="x")
    reviewer.groups.add(Group.objects.get(name=BUSINESS_REVIEWERS))
    client.force_login(reviewer)
    # Wagtail turns the refusal into a redirect to the dashboard with its message.
    refused = client.get(reverse("compilations_download", args=[compilation.pk, "pdf"]))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse(ADD_URL)).status_code == 302
    assert not client.get(reverse("wagtailadmin_home")).content.decode().count("案例汇编")
