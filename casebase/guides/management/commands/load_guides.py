from django.core.management.base import BaseCommand, CommandError

from casebase.core.management.checks import require_reference_data
from casebase.core.site import ensure_site_structure
from casebase.guides.loader import GuideContentError, load_guides


class Command(BaseCommand):
    help = "Creates or updates the industry compliance guides from casebase/guides/content/*.json. Idempotent."

    def handle(self, *args, **options):
        require_reference_data()  # guides cite provisions and industries
        home = ensure_site_structure()
        try:
            counts = load_guides(home)
        except GuideContentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"行业指南：新建 {counts['created']}，更新 {counts['updated']}，未变 {counts['unchanged']}")
