"""The admin view and button "从文书导入", driven with the Django test client as the demo accounts."""
import logging

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casebase.cases.models import CasePage
from tests.intake.sample_documents import (
    DECISION,
    WRITE_UP,
    docx_bytes,
    encrypted_docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(client, city_index, name: str, content: bytes, content_type: str = "application/octet-stream"):
    url = reverse("intake_upload", args=[city_index.pk])
    return client.post(url, {"document": SimpleUploadedFile(name, content, content_type)})


def test_the_button_shows_on_the_own_city_index_only(login, hangzhou, wenzhou):
    client = login("city_hangzhou")
    own = client.get(reverse("wagtailadmin_explore", args=[hangzhou.pk])).content.decode()
    assert "从文书导入" in own and reverse("intake_upload", args=[hangzhou.pk]) in own
    other = client.get(reverse("wagtailadmin_explore", args=[wenzhou.pk])).content.decode()
    assert reverse("intake_upload", args=[wenzhou.pk]) not in other


def test_the_form_is_shown(login, hangzhou):
    response = login("city_hangzhou").get(reverse("intake_upload", args=[hangzhou.pk]))
    assert response.status_code == 200
    assert "导入并创建草稿" in response.content.decode()


def test_the_form_states_the_configured_size_limit(login, hangzhou, settings):
    settings.INTAKE_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
    html = login("city_hangzhou").get(reverse("intake_upload", args=[hangzhou.pk])).content.decode()
    assert "不超过 5 MB" in html and "20 MB" not in html


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("案例.docx", docx_bytes(WRITE_UP), DOCX), ("决定书.pdf", pdf_bytes(DECISION), "application/pdf")],
)
def test_an_upload_creates_a_draft_and_opens_the_editor(login, hangzhou, name, content, content_type):
    client = login("city_hangzhou")
    response = upload(client, hangzhou, name, content, content_type)
    case = CasePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[case.pk])
    assert not case.live and case.get_parent().pk == hangzhou.pk and case.citations.count() == 2
    success = [str(m) for m in get_messages(response.wsgi_request)][0]
    assert success.startswith(f"已从“{name}”创建草稿") and "罚款金额" in success and "法律依据 2 条" in success
    assert client.get(response.url).status_code == 200


def test_a_large_upload_is_read_from_its_temporary_file(login, hangzhou, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = upload(login("city_hangzhou"), hangzhou, "决定书.pdf", pdf_bytes(DECISION), "application/pdf")
    assert response.status_code == 302 and CasePage.objects.get().fine_yuan == 350000


def test_left_out_values_are_reported(login, hangzhou):
    text = WRITE_UP.replace("第一百零八条第（一）项", "第三百零八条")
    response = upload(login("city_hangzhou"), hangzhou, "案例.docx", docx_bytes(text))
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(note.startswith("以下内容未能采用") and "第三百零八条" in note for note in notes)
    assert CasePage.objects.get().citations.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("案例.docx", "这是一个改了扩展名的文本文件".encode(), "不是有效的Word（.docx）文档"),
        ("案例.txt", docx_bytes(WRITE_UP), "请上传 Word（.docx）或 PDF 文件"),
        ("案例.docx", b"PK\x03\x04" + b"\x00" * 512, "已损坏"),
        ("决定书.pdf", pdf_bytes(DECISION)[:1500], "已损坏"),
        ("决定书.pdf", encrypted_pdf_bytes(DECISION), "设有打开密码"),
        ("案例.docx", encrypted_docx_bytes(WRITE_UP), "设有打开密码"),
        ("扫描件.pdf", scanned_pdf_bytes(), "请先进行文字识别（OCR）"),
        ("空白.docx", docx_bytes(""), "没有文字内容"),
    ],
    ids=["text-named-docx", "wrong-extension", "corrupt-zip", "corrupt-pdf", "encrypted-pdf", "encrypted-docx",
         "scanned-pdf", "empty-docx"],
)
def test_refused_documents_create_nothing_and_say_why(login, hangzhou, caplog, name, content, words):
    with caplog.at_level(logging.WARNING, logger="casebase.intake.views"):
        response = upload(login("city_hangzhou"), hangzhou, name, content)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not CasePage.objects.exists()
    assert f"file='{name}'" in caplog.text and "reason=" in caplog.text


def test_an_oversized_upload_is_cut_off_and_refused(login, hangzhou, caplog):
    content = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    with caplog.at_level(logging.WARNING, logger="casebase.intake.views"):
        response = upload(login("city_hangzhou"), hangzhou, "大文件.pdf", content)
    assert response.status_code == 200
    assert "文件超过 20 MB" in response.content.decode()
    assert not response.wsgi_request.FILES  # dropped while it was received
    assert not CasePage.objects.exists()
    assert "reason=too_large" in caplog.text


def test_no_file_chosen(login, hangzhou):
    response = login("city_hangzhou").post(reverse("intake_upload", args=[hangzhou.pk]), {})
    assert response.status_code == 200 and "请选择要导入的文书" in response.content.decode()


def test_another_citys_submitter_is_refused(login, hangzhou):
    client = login("city_wenzhou")
    assert client.get(reverse("intake_upload", args=[hangzhou.pk])).status_code == 403
    response = upload(client, hangzhou, "案例.docx", docx_bytes(WRITE_UP), DOCX)
    assert response.status_code == 403 and "无权导入" in response.content.decode()
    assert not CasePage.objects.exists()


def test_reviewers_may_not_import(login, hangzhou):
    response = upload(login("reviewer_business"), hangzhou, "案例.docx", docx_bytes(WRITE_UP), DOCX)
    assert response.status_code == 403 and not CasePage.objects.exists()


def test_a_forged_post_without_csrf_token_is_refused(accounts, hangzhou):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(accounts["city_hangzhou"])
    response = upload(client, hangzhou, "案例.docx", docx_bytes(WRITE_UP), DOCX)
    assert response.status_code == 403 and not CasePage.objects.exists()
