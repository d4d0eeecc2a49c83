from django.core.management import call_command
from django.core.management.base import BaseCommand

from casebase.core.management.checks import require_migrated
from casebase.core.site import ensure_site_structure


class Command(BaseCommand):
    help = "Creates the site structure (home page, site, case library, guide index, disclosure page). Idempotent."

    def handle(self, *args, **options):
        require_migrated()
        # `migrate` makes it too; here for a database migrated before the page cache existed.
        call_command("createcachetable", verbosity=0)
        home = ensure_site_structure()
        self.stdout.write(f"站点结构已就绪：{home.title}（{home.url or '/'}）及其栏目")
