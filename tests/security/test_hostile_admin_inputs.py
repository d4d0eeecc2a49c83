"""A hostile corpus through the admin's inputs (case fields, titles, vote opinions, uploads) and
every output that shows them: the public case page, the case PDF (pdftotext), the minutes PDF and
DOCX, a compilation DOCX and the admin pages. Markup is escaped everywhere, characters that
cannot be stored or printed are refused with a Chinese message, nothing answers 500."""
import io
import subprocess

import docx
import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import rich_text

from casebase.cases.models import CasePage
from casebase.compilations.models import Compilation
from casebase.compilations.tasks import build_compilation
from casebase.review.models import CommitteeTask, CommitteeVote
from tests.editor import act, current_task_state, edit
from tests.factories import create_case

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMG = "<img src=x onerror=alert(1)>"
XSS = f"{SCRIPT}{IMG}"
TITLE = f"某化工公司{XSS}偷排废水案"
FACTS = f"执法人员发现{XSS}废水直排。"
OPINION = f"同意。{XSS}"
CONTROL = ["\x00", "\x07", "\x1b[31m", "\x0b"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def no_raw_markup(html: str) -> None:
    assert SCRIPT not in html and IMG not in html
    assert "onerror=alert(1)>" not in html


@pytest.fixture
def hostile_case(login, accounts, search_index):
    """A case whose title and facts (typed into the editor) and committee opinions carry markup,
    taken through review and published."""
    case = create_case(publish=False, user=accounts["city_hangzhou"])
    response = edit(login("city_hangzhou"), case, title=TITLE, basic_facts=rich_text(f"<p>{escape(FACTS)}</p>"))
    assert response.status_code == 302, response.content.decode()[:1000]
    act(login("reviewer_business"), case, "approve")
    act(login("reviewer_legal"), case, "approve")
    act(login("committee_1"), case, "approve", OPINION)
    act(login("committee_2"), case, "approve", OPINION)
    case = CasePage.objects.get(pk=case.pk)
    assert case.live and case.title == TITLE
    return case


def test_the_public_case_page_escapes_title_and_facts(client, hostile_case):
    html = client.get(hostile_case.url).content.decode()
    no_raw_markup(html)
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 2  # the title and the facts, as text


def test_the_case_pdf_prints_the_markup_as_text(client, hostile_case):
    response = client.get(reverse("case_pdf", args=[hostile_case.ref]))
    assert response.status_code == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    assert "".join(SCRIPT.split()) in flat and "onerror=alert(1)" in flat


def test_the_minutes_print_opinions_as_text(login, hostile_case):
    state = CommitteeTask.objects.get().task_states.get()
    client = login("committee_3")
    pdf = client.get(reverse("review_minutes", args=[state.pk, "pdf"]))
    assert pdf.status_code == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "onerror=alert(1)" in "".join(text.split())
    document = docx.Document(io.BytesIO(client.get(reverse("review_minutes", args=[state.pk, "docx"])).content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert OPINION in cells


def test_a_compilation_docx_holds_the_title_as_text(hostile_case, accounts):
    compilation = Compilation.objects.create(year=hostile_case.decision_date.year, kind="year")
    build_compilation.call(compilation.pk)
    compilation.refresh_from_db()
    text = "\n".join(p.text for p in docx.Document(compilation.docx.open("rb")).paragraphs)
    assert TITLE in text


@pytest.mark.parametrize("url_name", ["wagtailadmin_pages:edit", "wagtailadmin_pages:history"])
def test_admin_pages_escape_the_title(login, hostile_case, url_name):
    html = login("province_admin").get(reverse(url_name, args=[hostile_case.pk])).content.decode()
    no_raw_markup(html)


def test_the_admin_explorer_and_search_escape_the_title(login, hostile_case):
    client = login("province_admin")
    for response in (client.get(reverse("wagtailadmin_explore", args=[hostile_case.get_parent().pk])),
                     client.get(reverse("wagtailadmin_pages:search"), {"q": "偷排"})):
        assert response.status_code == 200
        no_raw_markup(response.content.decode())


@pytest.mark.parametrize("control", CONTROL, ids=repr)
def test_control_characters_in_a_title_are_refused_in_chinese(login, accounts, control):
    case = create_case(publish=False)
    response = edit(login("city_hangzhou"), case, action=None, title=f"某公司{control}偷排案")
    assert response.status_code == 200
    assert "不能含有控制字符" in response.content.decode()
    assert CasePage.objects.get(pk=case.pk).get_latest_revision_as_object().title == case.title


@pytest.mark.parametrize("control", CONTROL, ids=repr)
def test_control_characters_in_a_vote_opinion_are_dropped(login, accounts, search_index, control):
    """Review texts are pasted from other programs: their control characters are dropped
    (casebase/review/forms.py), so the minutes DOCX can hold every opinion."""
    case = create_case(publish=False)
    assert edit(login("city_hangzhou"), case).status_code == 302
    act(login("reviewer_business"), case, "approve")
    act(login("reviewer_legal"), case, "approve")
    act(login("committee_1"), case, "approve", f"同意{control}发布")
    opinion = CommitteeVote.objects.get().opinion
    assert opinion.startswith("同意") and opinion.endswith("发布")
    assert not any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in opinion)


@pytest.mark.parametrize("fine", ["1e309", "9" * 40, "-5", "NaN", "Infinity"])
def test_absurd_fines_are_refused_in_chinese(login, accounts, fine):
    case = create_case(publish=False)
    response = edit(login("city_hangzhou"), case, action=None, fine_yuan=fine)
    assert response.status_code == 200
    assert "罚款金额" in response.content.decode() or "确保" in response.content.decode()
    assert CasePage.objects.get(pk=case.pk).get_latest_revision_as_object().fine_yuan == case.fine_yuan


def test_an_uploaded_document_with_markup_becomes_an_escaped_draft(login, accounts):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casebase.cases.models import CityIndexPage
    from tests.intake.sample_documents import WRITE_UP, docx_bytes

    hangzhou = CityIndexPage.objects.get(division__name="杭州市")
    hostile = WRITE_UP.replace("废气案", f"废气案{XSS}", 1).replace("经查，", f"经查，{XSS}", 1)
    client = login("city_hangzhou")
    response = client.post(reverse("intake_upload", args=[hangzhou.pk]),
                           {"document": SimpleUploadedFile("案例.docx", docx_bytes(hostile))}, follow=True)
    assert response.status_code == 200
    no_raw_markup(response.content.decode())
    assert CasePage.objects.filter(title__contains="onerror").exists()
