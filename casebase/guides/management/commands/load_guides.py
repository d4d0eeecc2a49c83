from django.core.management.base import BaseCommand, CommandError

from casebase.core.models import HomePage
from casebase.guides.loader import GuideContentError, load_guides


class Command(BaseCommand):
    help = "Creates or updates the industry compliance guides from casebase/guides/content/*.json. Idempotent."

    def handle(self, *args, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("还没有首页：请先运行 load_demo_data，或在管理后台创建首页")
        try:
            counts = load_guides(home)
        except GuideContentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"行业指南：新建 {counts['created']}，更新 {counts['updated']}，未变 {counts['unchanged']}")
