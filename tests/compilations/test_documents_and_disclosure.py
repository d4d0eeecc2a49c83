"""Every published case prints as a PDF; the public sees disclosed cases by year and batch."""
import datetime
import re
from io import BytesIO

import pytest
from pdfminer.high_level import extract_text

from casebase.cases.models import CasePage, Correction
from casebase.compilations.demo import create_demo_disclosure, ensure_disclosure_page
from casebase.compilations.models import Compilation, CompilationPage, DisclosureBatch, DisclosureEntry
from casebase.compilations.tasks import build_compilation
from tests.factories import create_case

pytestmark = pytest.mark.django_db


def test_a_published_case_downloads_as_a_pdf_with_its_chinese_text(client, cases_2024):
    air = cases_2024[0]
    html = client.get(air.url).content.decode()
    assert f'href="/cases/pdf/{air.ref}/"' in html
    response = client.get(f"/cases/pdf/{air.ref}/")
    assert response["Content-Type"] == "application/pdf"
    text = re.sub(r"\s+", "", extract_text(BytesIO(response.content)))
    for expected in (air.title, "基本案情", "查处情况", "典型意义", "法律依据", "120,000元"):
        assert expected in text, expected


def test_drafts_and_unknown_cases_have_no_pdf(client, library, search_index):
    draft = create_case(ref="ZJ-D-0001", publish=False)
    assert client.get(f"/cases/pdf/{draft.ref}/").status_code == 404
    assert client.get("/cases/pdf/NO-SUCH-REF/").status_code == 404


def test_a_withdrawn_case_has_no_pdf(client, cases_2024):
    air = cases_2024[0]
    CasePage.objects.filter(pk=air.pk).update(withdrawn_on=datetime.date(2025, 1, 2), withdrawal_reason="案情有误")
    assert client.get(f"/cases/pdf/{air.ref}/").status_code == 404
    assert f'href="/cases/pdf/{air.ref}/"' not in client.get(air.url).content.decode()


def test_the_disclosure_page_costs_the_same_for_more_cases(client, cases_2024, django_assert_max_num_queries):
    home = cases_2024[0].get_parent().get_parent().get_parent()
    for case in cases_2024:
        Correction.objects.create(page=case, corrected_on=datetime.date(2025, 1, 3), reason="更正地区")
    create_demo_disclosure(home)
    url = ensure_disclosure_page(home).url + "?year=2024"
    with django_assert_max_num_queries(20):
        html = client.get(url).content.decode()
    assert html.count("更正：更正地区") == 3 and "浙江省杭州市余杭区" in html
    for number in range(4, 10):
        create_case(ref=f"ZJ-2024-03{number:02d}", decision_date="2024-07-01", county="西湖区")
    create_demo_disclosure(home)
    with django_assert_max_num_queries(20):
        html = client.get(url).content.decode()
    assert "浙江省杭州市西湖区" in html


def test_disclosure_lists_cases_by_year_and_batch(client, cases_2024):
    home = cases_2024[0].get_parent().get_parent().get_parent()
    create_demo_disclosure(home)
    page = ensure_disclosure_page(home)
    batches = DisclosureBatch.objects.order_by("number")
    assert [(b.title, b.published_on, b.entries.count()) for b in batches] == [
        ("2024年第1批典型案例", datetime.date(2024, 6, 30), 1),
        ("2024年第2批典型案例", datetime.date(2024, 12, 31), 2),
    ]
    create_demo_disclosure(home)
    assert DisclosureEntry.objects.count() == 3  # idempotent
    html = client.get(page.url).content.decode()
    assert "2024年第2批典型案例" in html and "公布日期：<time datetime=\"2024-12-31\">2024年12月31日</time>" in html
    assert all(case.title in html for case in cases_2024)
    assert client.get(page.url + "?year=abc").status_code == 200
    assert client.get(page.url + "?year=1990").content.decode().count('class="batch"') == 2


def test_a_withdrawn_case_stays_listed_in_its_batch_without_a_link(client, cases_2024):
    home = cases_2024[0].get_parent().get_parent().get_parent()
    create_demo_disclosure(home)
    air = cases_2024[0]
    air.refresh_from_db()
    air.unpublish()
    html = client.get(ensure_disclosure_page(home).url).content.decode()
    assert air.title in html
    assert f"href=\"{air.url}\"" not in html


def test_a_compilation_is_published_as_a_page_with_its_downloads(client, cases_2024):
    home = cases_2024[0].get_parent().get_parent().get_parent()
    compilation = Compilation.objects.create(year=2024, kind="year")
    build_compilation.call(compilation.pk)
    page = CompilationPage(title="2024年典型案例汇编", slug="2024", compilation_id=compilation.pk)
    ensure_disclosure_page(home).add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "一、大气污染" in html and cases_2024[1].title in html
    assert client.get(page.url + "docx/")["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(page.url + "pdf/").status_code == 200
    assert client.get(page.url + "zip/").status_code == 404
