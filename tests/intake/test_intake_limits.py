"""Hostile uploads are refused with a Chinese message, read in a child process under hard limits:
the web worker's memory does not grow and no request runs into the worker timeout."""
import io
import resource
import time
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casebase.cases.models import CasePage
from casebase.intake.documents import CorruptDocument, ReadLimits, TooComplex, TooLarge, document_text
from tests.intake import bombs
from tests.intake.sample_documents import WRITE_UP, docx_bytes

LIMIT = 20 * 1024 * 1024
MB = 1024 * 1024


@cache
def pdf_bomb() -> bytes:
    return bombs.pdf_inflate_bomb(400 * MB)


def read(content: bytes, name: str, **limits) -> str:
    return document_text(io.BytesIO(content), name, LIMIT, ReadLimits(**limits))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_pdf_whose_stream_inflates_to_400_mb_is_refused_without_the_worker_growing():
    bomb = pdf_bomb()
    assert len(bomb) < MB
    before = peak_rss_mb()
    with pytest.raises(TooLarge) as refused:
        read(bomb, "决定书.pdf")
    assert refused.value.message == "“决定书.pdf”解压后内容超过 100 MB，无法导入。"
    assert peak_rss_mb() - before < 50


def test_the_child_process_has_a_hard_memory_limit_too():
    """With the inflation budget above the memory limit, the address-space limit refuses it."""
    with pytest.raises(TooLarge) as refused:
        read(pdf_bomb(), "决定书.pdf", max_inflated_bytes=10 * 1024 * MB, max_memory_bytes=300 * MB)
    assert "占用内存过多" in refused.value.message or "内容过于复杂" in refused.value.message


def test_a_docx_that_declares_a_small_size_is_measured_while_unpacking():
    lying = bombs.docx_lying_about_its_size(WRITE_UP, 300 * MB)
    assert len(lying) < 400 * 1024
    before = peak_rss_mb()
    with pytest.raises((TooLarge, CorruptDocument)) as refused:
        read(lying, "案例.docx")
    assert refused.value.message.startswith("“案例.docx”")
    assert peak_rss_mb() - before < 50


def test_a_docx_whose_entries_really_inflate_past_the_limit_is_refused():
    with pytest.raises(TooLarge) as refused:
        read(docx_bytes(WRITE_UP + "\n" + "某" * 1_000_000), "案例.docx", max_inflated_bytes=2 * MB)
    assert refused.value.message == "“案例.docx”解压后内容超过 2 MB，无法导入。"


def test_a_pdf_of_3000_pages_is_refused_quickly():
    pages = bombs.pdf_of_pages(3000)
    assert len(pages) < 1.2 * MB
    started = time.monotonic()
    with pytest.raises(TooLarge) as refused:
        read(pages, "汇编.pdf")
    assert refused.value.message.startswith("“汇编.pdf”超过 200 页，无法导入")
    assert time.monotonic() - started < 10


def test_reading_is_stopped_at_the_time_limit():
    with pytest.raises(TooComplex) as refused:
        read(bombs.pdf_of_pages(3000), "汇编.pdf", max_pages=5000, max_seconds=1)
    assert refused.value.message == "“汇编.pdf”内容过于复杂，无法在 1 秒内读取，未能导入。请另存为普通 Word 或 PDF 文件后再上传。"


def test_a_docx_of_six_million_characters_is_refused():
    with pytest.raises(TooLarge) as refused:
        read(bombs.docx_of_chars(6_000_000), "案例.docx")
    assert refused.value.message == "“案例.docx”的文字超过 300,000 字，无法导入。请只上传单个案例的材料。"


def test_a_pdf_over_the_character_limit_is_refused_while_reading():
    with pytest.raises(TooLarge) as refused:
        read(bombs.pdf_of_pages(50), "决定书.pdf", max_chars=100)
    assert "的文字超过 100 字" in refused.value.message


@pytest.mark.django_db
@pytest.mark.parametrize("name, content, message", [
    ("决定书.pdf", pdf_bomb, "解压后内容超过 100 MB"),
    ("汇编.pdf", lambda: bombs.pdf_of_pages(3000), "超过 200 页"),
    ("案例.docx", lambda: bombs.docx_of_chars(6_000_000), "的文字超过 300,000 字"),
])
def test_the_upload_form_shows_the_refusal_and_creates_nothing(login, accounts, name, content, message):
    from casebase.cases.models import CityIndexPage

    hangzhou = CityIndexPage.objects.get(division__name="杭州市")
    response = login("city_hangzhou").post(
        reverse("intake_upload", args=[hangzhou.pk]), {"document": SimpleUploadedFile(name, content())})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CasePage.objects.exists()
