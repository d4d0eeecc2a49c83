"""Industry compliance guides (重点行业环境执法简要指南) for enterprises: one page per industry,
explaining the law through the published cases of that industry (以案释法)."""
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from casebase.core.pages import ChildrenOfOneTypeRouting, SiteSectionPage, view_restricted
from casebase.core.pdf import pdf_response, render_pdf

from .blocks import CITATION_FIELDS, GuideBodyBlock, resolve_together
from .finder import divisions_for
from .illustrations import in_industries, published_cases

INDUSTRY_CASES_SHOWN = 10


class GuideIndexPage(ChildrenOfOneTypeRouting, SiteSectionPage):
    """企业守法指南: every guide, and a finder that matches an enterprise's own words to its industry."""

    subpage_types = ["guides.IndustryGuidePage"]

    class Meta:
        verbose_name = "企业守法指南栏目"

    def guides(self):
        return IndustryGuidePage.objects.live().exclude(view_restricted()).child_of(self).order_by("title")

    def child_pages(self):
        return IndustryGuidePage.objects.child_of(self).prefetch_related("industries")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:50]
        guides = self.guides().prefetch_related("industries")  # each card lists its industries
        context["query"] = query
        if query:
            divisions = divisions_for(query)
            codes = {division.code for division in divisions}
            context["divisions"] = divisions
            guides = [guide for guide in guides if guide.matches(query) or codes & set(guide.industry_codes)]
        context["guides"] = guides
        return context


class IndustryGuidePage(RoutablePageMixin, Page):
    summary = models.TextField("摘要", help_text="列表页显示的一两句话")
    intro = models.TextField("适用对象和主要环境风险")
    industries = ParentalManyToManyField(
        "taxonomy.Industry", verbose_name="适用行业", related_name="guides",
        help_text="GB/T 4754-2017 大类，如 C33 金属制品业；决定本指南引用哪些行业的案例",
    )
    industry_keywords = models.CharField(
        "行业关键词", max_length=300, blank=True, help_text="企业据以找到本行业的词，用顿号分隔，如“电镀、镀锌、酸洗”",
    )
    body = StreamField(GuideBodyBlock(), verbose_name="正文")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("industries"), FieldPanel("industry_keywords")], heading="行业"),
        FieldPanel("body"),
    ]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("segmented_text"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = "行业守法指南"
        verbose_name_plural = "行业守法指南"

    @property
    def industry_codes(self) -> list[str]:
        return [industry.code for industry in self.industries.all()]

    @property
    def keywords(self) -> list[str]:
        return [word for word in self.industry_keywords.split("、") if word]

    def matches(self, query: str) -> bool:
        """Whether an enterprise's description of itself (“镀锌”, “C33”, “金属制品”) points to this guide."""
        names = [self.title, *self.keywords, *(f"{i.code} {i.name}" for i in self.industries.all())]
        return any(query in name or name in query for name in names)

    def industry_cases(self):
        return in_industries(published_cases(), self.industry_codes).order_by("-decision_date", "-pk")

    def plain_text(self) -> str:
        """Title, summary, introduction, keywords and every text of the body, for search."""
        return "\n".join([self.title, self.summary, self.intro, self.industry_keywords, *self.body_texts()])

    def body_texts(self):
        """Section headings and the text fields of every entry, in reading order."""
        for section in self.body:
            yield section.value["heading"]
            for entry in section.value["entries"]:
                yield from (value for value in entry.values() if isinstance(value, str))

    def segmented_text(self) -> str:
        """Space-joined jieba tokens, so Wagtail's database search and the site search match Chinese words."""
        from nlp import segment

        return " ".join(segment(self.plain_text()))

    def cited_provisions(self):
        """Every provision the body cites, of every kind of entry."""
        for section in self.body:
            for entry in section.value["entries"]:
                for field in CITATION_FIELDS:
                    yield from entry.get(field) or []

    def get_context(self, request, *args, **kwargs):
        # One batch for the whole page; left alone, each kind of entry resolves its own.
        resolve_together(list(self.cited_provisions()))
        context = super().get_context(request, *args, **kwargs)
        context["industry_cases"] = self.industry_cases()[:INDUSTRY_CASES_SHOWN]
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        context = {"page": self, "document_title": self.title, "request": request}
        document = render_pdf("guides/guide_pdf.html", context, base_url=request.build_absolute_uri("/"))
        return pdf_response(document, f"{self.slug}.pdf")

