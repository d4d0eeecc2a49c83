from django.core.management.base import BaseCommand

from casebase.core.management.checks import require_migrated
from casebase.core.site import ensure_site_structure


class Command(BaseCommand):
    help = "Creates the site structure (home page, site, case library, guide index, disclosure page). Idempotent."

    def handle(self, *args, **options):
        require_migrated()
        home = ensure_site_structure()
        self.stdout.write(f"站点结构已就绪：{home.title}（{home.url or '/'}）及其栏目")
