"""Background building of a compilation: PDF and DOCX, with progress recorded on the model."""
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task

from casebase.core.pdf import render_pdf

from .contents import compilation_contents
from .models import Compilation
from .word import build_docx

logger = logging.getLogger(__name__)

# What the administrator reads when a build fails; the exception itself goes to the log
# (it is in English, and may be longer than `progress_note` holds).
FAILED_NOTE = "生成失败，请稍后重试或联系管理员"


def request_build(compilation: Compilation) -> None:
    """Queues a (re)build of `compilation` once the current transaction commits."""
    compilation.report_progress(0, "等待后台生成", status=Compilation.Status.QUEUED)
    transaction.on_commit(lambda: build_compilation.enqueue(compilation.pk))


@task()
def build_compilation(compilation_id: int) -> None:
    compilation = Compilation.objects.get(pk=compilation_id)
    try:
        compilation.report_progress(10, "正在收集案例")
        contents = compilation_contents(compilation)
        compilation.report_progress(30, f"正在排版 PDF（{contents.case_count} 件案例）")
        pdf = render_pdf("compilations/compilation_pdf.html", {"contents": contents, "document_title": contents.title})
        compilation.report_progress(75, "正在生成 DOCX")
        docx = build_docx(contents)
    except Exception:
        logger.exception("Compilation %s failed", compilation_id)
        compilation.report_progress(compilation.progress, FAILED_NOTE, status=Compilation.Status.FAILED)
        raise
    name = f"compilation-{compilation.pk}"
    compilation.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    compilation.docx.save(f"{name}.docx", ContentFile(docx), save=False)
    compilation.case_count, compilation.toc = contents.case_count, contents.toc()
    compilation.save(update_fields=["pdf", "docx", "case_count", "toc"])
    compilation.report_progress(100, f"已完成：共 {contents.case_count} 件案例", status=Compilation.Status.DONE)
