"""The worker's part of a bulk import (批量导入): checking every line of an uploaded file, then
importing the valid ones, with the progress recorded on the `ImportJob` for its page to poll.
Both steps go through `importer.CaseImporter`, the code `import_cases` runs."""
import logging

from django.conf import settings
from django.db import transaction
from django_tasks import task

from casebase.review.policy import ReviewPolicy

from .bulk_models import ImportJob
from .formats import FIELD_LABELS, FileRefused, ImportLine, ReadFile, read_file
from .importer import CaseImporter, CaseRecord, LineError, LineErrors, duplicate_refs, line_warnings
from .models import CaseCitation, CityIndexPage

logger = logging.getLogger(__name__)
CHECK_TASK_PATH = "casebase.cases.bulk_tasks.check_import"
IMPORT_TASK_PATH = "casebase.cases.bulk_tasks.run_import"
FAILED_NOTE = "处理失败，请稍后重试或联系管理员"
PROGRESS_EVERY = 5  # lines between two progress writes


def submitter_cities(user) -> list:
    """The divisions of the city index pages where `user` may add cases."""
    return [index.division for index in CityIndexPage.objects.select_related("division")
            if index.permissions_for_user(user).can_add_subpage()]


def may_import_anywhere(user) -> bool:
    return ReviewPolicy(user).can_import_cases_anywhere()


def may_bulk_import(user) -> bool:
    return may_import_anywhere(user) or bool(submitter_cities(user))


def importer_for(job: ImportJob) -> CaseImporter:
    """The importer as the job's user may use it: anywhere for provincial administrators (who
    may also publish), only their own city for a city's submitter."""
    anywhere = may_import_anywhere(job.user)
    return CaseImporter(publish=job.publish and anywhere, user=job.user,
                        cities=None if anywhere else submitter_cities(job.user))


def job_lines(job: ImportJob) -> list[ImportLine]:
    return [ImportLine(line["number"], line["record"], [LineError(*problem) for problem in line["problems"]])
            for line in job.lines]


def field_label(name: str) -> str:
    base, _, position = name.partition("[")
    label = FIELD_LABELS.get(base, base)
    return f"{label}（第 {int(position.rstrip(']')) + 1} 条）" if position else label


def filled_values(record: CaseRecord) -> list[dict]:
    """What extraction filled for the fields the line does not give, in words."""
    roles = {"violated": CaseCitation.Role.VIOLATED, "penalty_basis": CaseCitation.Role.BASIS}
    shown = {
        "violated": lambda: "；".join(str(c) for c in record.citations if c.role == roles["violated"]),
        "penalty_basis": lambda: "；".join(str(c) for c in record.citations if c.role == roles["penalty_basis"]),
        "fine_yuan": lambda: f"{record.fine_yuan:,.2f} 元" if record.fine_yuan is not None else "",
        "measures": lambda: "、".join(m.name for m in record.measures),
        "violation_types": lambda: "、".join(v.name for v in record.violation_types),
        "industry": lambda: f"{record.industry.code} {record.industry.name}" if record.industry else "",
    }
    return [{"field": name, "label": field_label(name), "value": shown[name]() or "（未识别）"}
            for name in shown if name in record.extracted]


def line_report(importer: CaseImporter, line: ImportLine, duplicates: dict[int, str]) -> dict:
    record = line.record if isinstance(line.record, dict) else {}
    report = {"number": line.number, "ref": str(record.get("ref") or ""), "title": str(record.get("title") or ""),
              "problems": [], "filled": [], "warnings": [], "action": "refused"}
    try:
        validated, existing = importer.check(line, duplicates)
    except LineErrors as errors:
        problems = errors.problems
    except LineError as error:
        problems = [error]
    else:
        report["action"] = "update" if existing else "create"
        report["filled"] = filled_values(validated)
        report["warnings"] = [message for message, _ in line_warnings(line.record, validated)]
        return report
    report["problems"] = [{"field": p.field, "label": field_label(p.field), "message": p.message} for p in problems]
    return report


def read_job_file(job: ImportJob) -> bool:
    """Reads the uploaded file into the job's lines (once); False when it cannot be read, the
    job then failed with the reason."""
    if not job.content:
        return True
    try:
        read = read_file(bytes(job.content), job.filename, limit=settings.BULK_IMPORT_MAX_LINES)
    except FileRefused as refusal:
        logger.warning("import job %s: %r refused: %s", job.pk, job.filename, refusal.detail)
        job.report_progress(0, status=ImportJob.Status.FAILED, status_note=refusal.message[:500], content=b"")
        return False
    if not read.lines:
        job.report_progress(0, status=ImportJob.Status.FAILED, status_note=f"“{job.filename}”中没有案例。", content=b"")
        return False
    job.report_progress(0, content=b"", file_format=read.fmt, encoding=read.encoding, notes=file_notes(read),
                        total=len(read.lines), lines=[
                            {"number": line.number, "record": line.record,
                             "problems": [[p.field, p.message] for p in line.problems]} for line in read.lines])
    return True


def file_notes(read: ReadFile) -> list[str]:
    notes = [f"已忽略无法识别的列：{'、'.join(read.ignored_columns)}"] if read.ignored_columns else []
    if read.encoding and read.encoding not in ("utf-8", "utf-8-sig", "utf_8"):
        notes.append(f"文件编码识别为 {read.encoding}，已转换。")
    return notes


@task()
def check_import(job_id: int) -> None:
    """Reads the job's file and checks every line; writes no case."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    job.report_progress(0, status=ImportJob.Status.CHECKING, status_note="正在读取文件")
    if not read_job_file(job):
        return
    try:
        importer, lines = importer_for(job), job_lines(job)
        duplicates = duplicate_refs(lines)
        job.report_progress(0, status=ImportJob.Status.CHECKING, total=len(lines), status_note="正在逐行检查")
        report = []
        for done, line in enumerate(lines, start=1):
            report.append(line_report(importer, line, duplicates))
            if done % PROGRESS_EVERY == 0:
                job.report_progress(done)
    except Exception:
        logger.exception("Checking import job %s failed", job_id)
        job.report_progress(job.done, status=ImportJob.Status.FAILED, status_note=FAILED_NOTE)
        raise
    valid = sum(1 for line in report if line["action"] != "refused")
    job.report_progress(len(lines), report=report, status=ImportJob.Status.CHECKED,
                        status_note=f"检查完成：{valid} 行可以导入，{len(lines) - valid} 行有问题")


@task()
def run_import(job_id: int) -> None:
    """Imports the job's lines; refused lines are written nowhere. Run again, it updates the
    same cases (by ref), so a restarted import duplicates nothing."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    lines = job_lines(job)
    job.report_progress(0, status=ImportJob.Status.IMPORTING, total=len(lines), status_note="正在导入")
    progress = {"done": 0}

    def on_line():
        progress["done"] += 1
        if progress["done"] % PROGRESS_EVERY == 0:
            job.report_progress(progress["done"])

    importer = importer_for(job)
    try:
        result = importer.run_lines(lines, on_line=on_line)
    except Exception:
        logger.exception("Import job %s failed", job_id)
        job.report_progress(progress["done"], status=ImportJob.Status.FAILED, status_note=FAILED_NOTE)
        raise
    try:
        importer.announce(result)
    except Exception:  # the cases are written; the periodic sweep indexes what was missed
        logger.exception("Import job %s: the imported cases could not be indexed now", job_id)
    refs = {line.number: str(line.record.get("ref")) for line in lines if isinstance(line.record, dict)}
    rejected_numbers = {number for number, _, _ in result.rejected}
    job.report_progress(len(lines), status=ImportJob.Status.DONE, lines=[], result={
        "created": result.created, "updated": result.updated, "rejected": result.rejected_count,
        "published": len(result.published_ids),
        "refs": [ref for number, ref in refs.items() if number not in rejected_numbers],
        "refusals": [{"number": n, "label": field_label(f), "message": m} for n, f, m in result.rejected],
        "warnings": [{"number": n, "message": m} for n, m in result.warnings],
    }, status_note=f"导入完成：新建 {result.created} 条，更新 {result.updated} 条，拒绝 {result.rejected_count} 条")
    logger.info("import job %s by %s: created %s, updated %s, rejected %s", job_id, job.user,
                result.created, result.updated, result.rejected_count)


def request_check(job: ImportJob) -> None:
    transaction.on_commit(lambda: check_import.enqueue(job.pk))


def request_import(job: ImportJob, publish: bool) -> None:
    job.publish = publish
    job.report_progress(0, publish=publish, status=ImportJob.Status.IMPORTING, status_note="等待后台导入")
    transaction.on_commit(lambda: run_import.enqueue(job.pk))


def on_task_abandoned(sender, task_result, requeued: bool, **kwargs) -> None:
    """What the user sees when the worker running a job's check or import died."""
    if task_result.task_path not in (CHECK_TASK_PATH, IMPORT_TASK_PATH):
        return
    args, kwargs_ = task_result.args_kwargs.get("args", []), task_result.args_kwargs.get("kwargs", {})
    job = ImportJob.objects.filter(pk=args[0] if args else kwargs_.get("job_id")).first()
    if job is None:
        return
    if requeued:
        job.report_progress(0, status_note="处理中断，已重新排队")
    else:
        job.report_progress(job.done, status=ImportJob.Status.FAILED, status_note="处理中断，请重新上传")
