from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from casebase.cases.formats import FileRefused, read_file
from casebase.cases.importer import CaseImporter
from casebase.core.management.checks import require_reference_data, search_service

PROGRESS_THRESHOLD = 200  # lines; smaller files need no progress bar


class Command(BaseCommand):
    help = ("Imports cases from a JSON Lines file (one case per line, CONTRACTS §4), or a CSV or XLSX file "
            "with the same fields as columns; idempotent by ref.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=".jsonl, .csv or .xlsx")
        parser.add_argument("--publish", action="store_true", help="publish the cases at once (already published elsewhere)")
        parser.add_argument("--skip-existing", action="store_true", help="leave cases whose ref exists untouched")

    def handle(self, *args, file: Path, publish: bool, skip_existing: bool, **options):
        if not file.is_file():
            raise CommandError(f"文件不存在或不是普通文件：{file}")
        try:
            lines = read_file(file.read_bytes(), file.name).lines
        except FileRefused as refusal:
            raise CommandError(refusal.message) from None
        except OSError as exc:
            raise CommandError(f"无法读取文件：{file}（{exc.strerror}）") from None
        require_reference_data()
        with tqdm(total=len(lines), unit="行", disable=len(lines) < PROGRESS_THRESHOLD) as bar:
            importer = CaseImporter(publish=publish, skip_existing=skip_existing)
            result = importer.run_lines(lines, on_line=bar.update)
        for number, message in result.warnings:
            self.stderr.write(f"第 {number} 行已导入，但请注意：{message}")
        for number, field_name, message in result.rejected:
            self.stderr.write(f"第 {number} 行被拒绝：{field_name}：{message}")
        summary = f"新建 {result.created} 条，更新 {result.updated} 条，拒绝 {result.rejected_count} 条"
        if skip_existing:
            summary += f"，跳过已有 {result.skipped} 条"
        # Published cases are searchable when the command returns (CONTRACTS §4): search indexes
        # them in the receiver of cases_imported.
        with search_service(after=f"案例已写入数据库（{summary}），但未能写入检索索引"):
            importer.announce(result)
        self.stdout.write(summary)
