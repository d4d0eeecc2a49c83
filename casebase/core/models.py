"""The home page: the public front door for officers and enterprises."""
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .pages import SectionRouting


class HomePage(SectionRouting, Page):
    intro = RichTextField("导语", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cases.CaseLibraryPage", "guides.GuideIndexPage", "compilations.DisclosurePage"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        from casebase.cases.models import CasePage
        from casebase.guides.models import GuideIndexPage
        from casebase.taxonomy.models import ViolationType

        context = super().get_context(request, *args, **kwargs)
        cases = CasePage.objects.published()
        context["guide_index"] = GuideIndexPage.objects.live().first()
        context["latest_cases"] = cases.order_by("-first_published_at").for_listing()[:6]
        context["commended_cases"] = cases.filter(commended_on__isnull=False).order_by("-commended_on").for_listing()[:4]
        context["case_count"] = cases.count()
        context["violation_types"] = ViolationType.objects.filter(parent=None)
        return context
