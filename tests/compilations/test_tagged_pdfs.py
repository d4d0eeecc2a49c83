"""Case and guide PDFs are tagged PDF/UA in Chinese: screen readers get the structure and the language."""
import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casebase.guides.loader import load_guides
from casebase.guides.models import IndustryGuidePage
from tests.factories import create_case

pytestmark = pytest.mark.django_db


def pdfinfo(document: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "document.pdf"
    path.write_bytes(document)
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def assert_tagged_chinese(document: bytes, title: str, tmp_path) -> None:
    info = pdfinfo(document, tmp_path)
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip() == title
    catalog = PdfReader(BytesIO(document)).trailer["/Root"]
    assert catalog["/Lang"] == "zh-CN" and "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]  # readers show the title, not the file name


def test_a_case_pdf_is_tagged_in_chinese(client, library, search_index, tmp_path):
    case = create_case(ref="ZJ-2024-0113")
    response = client.get(reverse("case_pdf", args=[case.ref]))
    assert response.status_code == 200
    assert_tagged_chinese(response.content, case.title, tmp_path)


def test_a_guide_pdf_is_tagged_in_chinese(client, library, search_index, tmp_path):
    load_guides(library.get_parent().specific)
    guide = IndustryGuidePage.objects.get(slug="vehicle-repair-spray-painting")
    response = client.get(guide.url + "pdf/")
    assert response.status_code == 200
    assert_tagged_chinese(response.content, guide.title, tmp_path)
