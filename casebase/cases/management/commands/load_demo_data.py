from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casebase.cases.demo_accounts import create_demo_accounts
from casebase.compilations.demo import create_demo_disclosure
from casebase.core.management.checks import require_reference_data
from casebase.core.site import ensure_site_structure

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


def real_cases_file() -> Path:
    """Real published cases (shared/data/real_cases/, see its SOURCES.md), shown beside the demo's own."""
    return settings.SHARED_DIR / "data" / "real_cases" / "cases.jsonl"


class Command(BaseCommand):
    help = ("Creates the demo site: site structure, demo cases (published and drafts), the real published cases of "
            "shared/data/real_cases/, guides, disclosure and accounts. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off (never on a real installation)")

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG 已关闭：演示数据和演示账号（公开密码）不能装入正式环境。确需装入请加 --force。")
        require_reference_data()
        with transaction.atomic():
            home = ensure_site_structure()
            accounts = create_demo_accounts()
        files = [(DEMO_DIR / "published.jsonl", True), (DEMO_DIR / "drafts.jsonl", False)]
        if real_cases_file().is_file():
            files.append((real_cases_file(), True))
        else:
            self.stderr.write(f"未找到真实案例文件 {real_cases_file()}，只装入演示案例")
        for path, publish in files:
            # skip_existing: what reviewers did with a loaded case is never overwritten.
            call_command(
                "import_cases", str(path), publish=publish, skip_existing=True,
                stdout=self.stdout, stderr=self.stderr,
            )
        call_command("load_guides", stdout=self.stdout)
        create_demo_disclosure(home)
        self.stdout.write(f"演示账号（密码 casebase-demo）：{'、'.join(accounts)}")
