"""documents.py: real files in, text or a typed refusal out."""
import io
import zipfile

import pytest

from casebase.intake.documents import (
    CorruptDocument,
    EncryptedDocument,
    NoText,
    TooLarge,
    WrongType,
    document_text,
)
from tests.intake.sample_documents import (
    DECISION,
    WRITE_UP,
    docx_bytes,
    encrypted_docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
)

LIMIT = 20 * 1024 * 1024


def read(content: bytes, name: str, max_bytes: int = LIMIT) -> str:
    return document_text(io.BytesIO(content), name, max_bytes)


def test_docx_gives_one_paragraph_per_line():
    assert read(docx_bytes(WRITE_UP), "案例.docx") == WRITE_UP


def test_pdf_joins_wrapped_lines_back_into_paragraphs():
    assert read(pdf_bytes(DECISION), "决定书.pdf").splitlines() == DECISION.splitlines()


def test_pdf_restricted_only_by_an_owner_password_is_read():
    """It opens without a password in every reader, as many official PDFs do."""
    assert read(encrypted_pdf_bytes(WRITE_UP, user_password=""), "案例.pdf").splitlines() == WRITE_UP.splitlines()


@pytest.mark.parametrize(
    ("content", "name", "refusal", "words"),
    [
        ("这不是 Word 文档".encode(), "案例.docx", WrongType, "不是有效的Word"),
        (pdf_bytes("文书"), "案例.docx", WrongType, "扩展名不符"),
        (docx_bytes("文书"), "案例.pdf", WrongType, "扩展名不符"),
        (docx_bytes("文书"), "案例.txt", WrongType, "请上传 Word（.docx）或 PDF"),
        (b"PK\x03\x04" + b"\0" * 200, "案例.docx", CorruptDocument, "已损坏"),
        (docx_bytes(WRITE_UP)[:3000], "案例.docx", CorruptDocument, "已损坏"),
        (pdf_bytes(WRITE_UP)[:2000], "案例.pdf", CorruptDocument, "已损坏"),
        (encrypted_pdf_bytes(WRITE_UP), "案例.pdf", EncryptedDocument, "密码"),
        (encrypted_docx_bytes(WRITE_UP), "案例.docx", EncryptedDocument, "密码"),
        (scanned_pdf_bytes(), "扫描件.pdf", NoText, "文字识别（OCR）"),
        (docx_bytes(""), "空白.docx", NoText, "没有文字"),
    ],
    ids=["text-named-docx", "pdf-named-docx", "docx-named-pdf", "txt", "corrupt-zip", "truncated-docx",
         "truncated-pdf", "encrypted-pdf", "encrypted-docx", "scanned-pdf", "empty-docx"],
)
def test_refusals(content, name, refusal, words):
    with pytest.raises(refusal) as raised:
        read(content, name)
    assert words in raised.value.message
    assert raised.value.reason == refusal.reason


def test_a_zip_that_is_not_a_word_document_is_the_wrong_type():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(WrongType):
        read(buffer.getvalue(), "表格.docx")


def test_a_file_over_the_limit_is_refused_before_it_is_parsed():
    with pytest.raises(TooLarge) as raised:
        read(docx_bytes(WRITE_UP), "案例.docx", max_bytes=1000)
    assert "超过" in raised.value.message


def test_a_docx_that_unpacks_into_too_much_is_refused():
    buffer = io.BytesIO(docx_bytes(WRITE_UP))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive, archive.open("word/media/fill.bin", "w") as entry:
        for _ in range(201):
            entry.write(bytes(1024 * 1024))
    with pytest.raises(TooLarge) as raised:
        read(buffer.getvalue(), "案例.docx")
    assert "解压后内容超过" in raised.value.message
