from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from casebase.cases.demo_accounts import create_demo_accounts
from casebase.cases.library import ensure_library
from casebase.compilations.demo import create_demo_disclosure
from casebase.core.models import HomePage
from casebase.taxonomy.models import Division

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = "Creates the demo site: home page, case library, demo cases (published and drafts) and accounts. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off (never on a real installation)")

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG 已关闭：演示数据和演示账号（公开密码）不能装入正式环境。确需装入请加 --force。")
        if not Division.objects.exists():
            raise CommandError("请先运行 load_reference_data")
        with transaction.atomic():
            ensure_library(self._home_page())
            accounts = create_demo_accounts()
        for name, publish in (("published.jsonl", True), ("drafts.jsonl", False)):
            call_command(
                "import_cases", str(DEMO_DIR / name), publish=publish, skip_existing=True,
                stdout=self.stdout, stderr=self.stderr,
            )
        call_command("load_guides", stdout=self.stdout)
        create_demo_disclosure(HomePage.objects.get())
        self.stdout.write(f"演示账号（密码 casebase-demo）：{'、'.join(accounts)}")

    def _home_page(self) -> HomePage:
        """The home page as the default site's root, replacing Wagtail's placeholder welcome page."""
        home = HomePage.objects.first()
        if home is None:
            for placeholder in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
                placeholder.delete()  # its Site goes with it and is recreated below
            home = HomePage(
                title="生态环境执法典型案例库", slug="home",
                intro="<p>汇集各地生态环境执法典型案例：按违法类型、行业和法律依据查找先例，统一法律适用和裁量尺度；以案释法，帮助企业守法。</p>",
            )
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "hostname": "localhost", "port": 80, "site_name": "生态环境执法典型案例库"},
        )
        return home
