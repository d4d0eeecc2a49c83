"""Periodic compilations (汇编) of published cases and the public disclosure (公示) of cases in batches.

A provincial administrator asks for a compilation in the admin; a background task
(`tasks.build_compilation`) builds its PDF and DOCX and records its progress here.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from casebase.cases.models import CasePage
from casebase.core.pages import SiteSectionPage

from .periods import PeriodKind, check_period, period_label, period_range

DOCUMENT_FORMATS = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class Compilation(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "生成失败"

    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("期间", max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER)
    part = models.PositiveSmallIntegerField("第几期", null=True, blank=True, help_text="季度填 1–4，半年填 1（上半年）或 2（下半年），全年不填")
    violation_type = models.ForeignKey(
        "taxonomy.ViolationType", verbose_name="只收违法类型", null=True, blank=True, on_delete=models.PROTECT,
        limit_choices_to={"parent": None}, related_name="+",
    )
    industry = models.ForeignKey(
        "taxonomy.Industry", verbose_name="只收行业", null=True, blank=True, on_delete=models.PROTECT,
        limit_choices_to={"level": 2}, related_name="+",
    )
    city = models.ForeignKey(
        "taxonomy.Division", verbose_name="只收地市", null=True, blank=True, on_delete=models.PROTECT,
        limit_choices_to={"level": 2, "is_placeholder": False}, related_name="+",
    )
    commended_only = models.BooleanField("只收优秀典型案例", default=False)

    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED, editable=False)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0, editable=False)
    progress_note = models.CharField("进度说明", max_length=200, blank=True, editable=False)
    case_count = models.PositiveIntegerField("案例数", default=0, editable=False)
    toc = models.JSONField("目录", default=list, editable=False, help_text="生成时的分组与案例：[{heading, cases: [{ref, title}]}]")
    pdf = models.FileField("PDF", upload_to="compilations/", blank=True, editable=False)
    docx = models.FileField("DOCX", upload_to="compilations/", blank=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("kind"), FieldPanel("part")], heading="期间（按处罚决定日期）"),
        MultiFieldPanel(
            [FieldPanel("violation_type"), FieldPanel("industry"), FieldPanel("city"), FieldPanel("commended_only")],
            heading="筛选条件（可不选）",
        ),
    ]

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = verbose_name_plural = "案例汇编"

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"生态环境执法典型案例汇编（{self.period_label}）"

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.kind, self.part)

    @property
    def filters_label(self) -> str:
        return "、".join(self._filters()) or "全部已发布案例"

    def _filters(self) -> list[str]:
        """The chosen filters, in words (none: every published case of the period)."""
        parts = [str(value) for value in (self.city, self.industry, self.violation_type) if value is not None]
        if self.commended_only:
            parts.append("优秀典型案例")
        return parts

    def clean(self):
        errors = check_period(self.year, self.kind, self.part)
        if not errors and not self.cases().exists():
            filters = self._filters()
            message = (
                f"{self.period_label}内没有符合筛选条件（{'、'.join(filters)}）的已发布案例，请调整期间或筛选条件"
                if filters else f"{self.period_label}内没有已发布的案例，请选择其他期间"
            )
            errors = {"__all__": message}
        if errors:
            raise ValidationError(errors)

    def cases(self):
        """The published cases this compilation holds, by decision date."""
        start, end = period_range(self.year, self.kind, self.part)
        cases = CasePage.objects.published().filter(decision_date__range=(start, end))
        if self.violation_type_id:
            cases = cases.filter(violation_types__in=[self.violation_type, *self.violation_type.subtypes.all()])
        if self.industry_id:
            cases = cases.filter(industry__code__startswith=self.industry.code)
        if self.city_id:
            cases = cases.filter(city=self.city)
        if self.commended_only:
            cases = cases.filter(commended_on__isnull=False)
        return cases.distinct().order_by("decision_date", "pk")

    def report_progress(self, percent: int, note: str, status: str = Status.RUNNING) -> None:
        self.progress, self.progress_note, self.status = percent, note, status
        self.save(update_fields=["progress", "progress_note", "status"])

    def document(self, fmt: str):
        """The built file in `fmt` ("pdf" or "docx"), or None."""
        file = getattr(self, fmt, None) if fmt in DOCUMENT_FORMATS else None
        return file or None

    def download(self, fmt: str) -> FileResponse:
        file = self.document(fmt)
        if file is None:
            raise Http404("汇编文件尚未生成")
        name = f"compilation-{self.year}-{self.kind}-{self.part or 0}-{self.pk}.{fmt}"
        return FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type=DOCUMENT_FORMATS[fmt])


class DisclosureBatch(ClusterableModel):
    """One batch (第X批) of typical cases disclosed to the public on one date."""

    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveSmallIntegerField("批次", help_text="本年度第几批")
    published_on = models.DateField("公布日期")
    note = models.CharField("说明", max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("number"), FieldPanel("published_on")]),
        FieldPanel("note"),
        InlinePanel("entries", heading="本批案例", label="案例", min_num=1),
    ]

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="unique_batch_number")]
        verbose_name = verbose_name_plural = "公示批次"

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"{self.year}年第{self.number}批典型案例"

    def clean(self):
        if self.published_on and self.year and self.published_on.year != self.year:
            raise ValidationError({"published_on": "公布日期应在该批次的年度内"})


class DisclosureEntry(Orderable):
    batch = ParentalKey(DisclosureBatch, on_delete=models.CASCADE, related_name="entries")
    case = models.ForeignKey(CasePage, verbose_name="案例", on_delete=models.CASCADE, related_name="disclosures")

    panels = [FieldPanel("case")]

    class Meta(Orderable.Meta):
        verbose_name = "公示案例"
        constraints = [models.UniqueConstraint(fields=["batch", "case"], name="unique_case_per_batch")]


class DisclosurePage(SiteSectionPage):
    """案例公示: published cases by year and batch, with correction and withdrawal notices."""

    subpage_types = ["compilations.CompilationPage"]

    class Meta:
        verbose_name = "案例公示栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years = list(DisclosureBatch.objects.order_by("-year").values_list("year", flat=True).distinct())
        requested = request.GET.get("year", "")
        year = int(requested) if requested.isdigit() and int(requested) in years else (years[0] if years else None)
        context["years"], context["year"] = years, year
        # Each listed case shows its region (province, city, county) and its correction notices.
        context["batches"] = DisclosureBatch.objects.filter(year=year).prefetch_related(
            "entries__case__province", "entries__case__city", "entries__case__county", "entries__case__corrections",
        )
        context["compilations"] = CompilationPage.objects.live().public().child_of(self).order_by("-first_published_at")
        return context


class CompilationPage(RoutablePageMixin, Page):
    """A finished compilation published on the site, with its PDF and DOCX."""

    compilation = models.ForeignKey(
        Compilation, verbose_name="汇编", on_delete=models.PROTECT, related_name="pages",
        limit_choices_to={"status": Compilation.Status.DONE},
    )
    intro = RichTextField("说明", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("compilation"), FieldPanel("intro")]
    parent_page_types = ["compilations.DisclosurePage"]
    subpage_types = []

    class Meta:
        verbose_name = "汇编发布页"

    @path("<str:fmt>/", name="download")
    def download(self, request, fmt):
        return self.compilation.download(fmt)
