"""Typical cases: the case library, one index page per submitting city, and the case itself.

Each city's cases live in that city's subtree so that page permissions scope
submitters to their own city (see casebase/review/).
"""
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, Revision
from wagtail.query import PageQuerySet
from wagtail.search import index

from casebase.core.admin_widgets import LabelledTagWidget
from casebase.core.page_cache import invalidate_public_pages
from casebase.core.pages import ChildrenOfOneTypeRouting, OneQueryViewRestrictions, view_restricted
from casebase.laws.models import Provision
from casebase.laws.numbering import provision_label
from casebase.laws.resolve import find_law, find_provision
from casebase.taxonomy.models import Division
from casebase.taxonomy.regions import check_region

from . import signals
from .forms import CasePageForm
from .paging import paginate
from .sections import SECTIONS
from .panels import PersonalDataPanel, PlaceWarningPanel, SimilarCasesPanel, SuggestionsPanel
from .widgets import RegionSelect, industry_chooser

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]


def ref_slug(ref: str) -> str:
    """ZJ-2024-0113 → zj-2024-0113: the URL segment of the case with this ref (ASCII; empty
    for a ref without ASCII letters or digits)."""
    return slugify(ref or "", allow_unicode=False)


class CaseQuerySet(PageQuerySet):
    def published(self):
        """What the public may see: live, not behind a view restriction, not withdrawn.
        Every listing, the search index and the API start from this."""
        return self.live().exclude(view_restricted()).filter(withdrawn_on__isnull=True)

    def with_facts(self):
        """With every fact of a case that the index and the fine references read, one query per relation."""
        return self.select_related("province", "city", "county", "industry__parent__parent__parent").prefetch_related(
            "citations__provision__version__law", "violation_types__parent", "measures", "tagged_keywords__tag"
        )

    def for_listing(self):
        """With what a case card shows (its region), so a list of cases takes one query."""
        return self.select_related("province", "city", "county")

    def for_case_page(self):
        """With everything the case page shows, one query per relation whatever it holds."""
        return self.select_related("province", "city", "county", "industry").prefetch_related(
            Prefetch("citations", queryset=CaseCitation.objects.select_related("provision__version__law")),
            "violation_types", "measures", "keywords", "corrections",
            Prefetch("attachments", queryset=CaseAttachment.objects.select_related("document")),
        )


class CaseLibraryPage(OneQueryViewRestrictions, ChildrenOfOneTypeRouting, Page):
    """The root of all cases; lists every published case."""

    intro = RichTextField("简介", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cases.CityIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "典型案例库"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = CasePage.objects.published().descendant_of(self)
        if request.GET.get("commended"):
            cases = cases.filter(commended_on__isnull=False)
        context["cases"] = paginate(request, cases.order_by("-decision_date", "-pk").for_listing())
        context["cities"] = CityIndexPage.objects.live().child_of(self).order_by("division__code")
        return context

    def child_pages(self):
        return CityIndexPage.objects.child_of(self)


class CityIndexPage(OneQueryViewRestrictions, ChildrenOfOneTypeRouting, Page):
    """A submitting city's own subtree."""

    division = models.OneToOneField(
        "taxonomy.Division",
        verbose_name="行政区划",
        on_delete=models.PROTECT,
        related_name="case_index",
        help_text="地级市，或直辖市本身",
    )
    intro = RichTextField("简介", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("division"), FieldPanel("intro")]
    parent_page_types = ["cases.CaseLibraryPage"]
    subpage_types = ["cases.CasePage"]

    class Meta:
        verbose_name = "地市案例栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = CasePage.objects.published().child_of(self).order_by("-decision_date", "-pk").for_listing()
        context["cases"] = paginate(request, cases)
        return context

    def child_pages(self):
        return CasePage.objects.child_of(self).for_case_page()


class CaseKeyword(TaggedItemBase):
    content_object = ParentalKey("cases.CasePage", related_name="tagged_keywords", on_delete=models.CASCADE)


class CasePage(OneQueryViewRestrictions, Page):
    ref = models.CharField(
        "案例编号", max_length=40, unique=True,
        error_messages={"unique": "案例编号已被使用"},
        help_text="全省唯一，如 ZJ-2024-0113",
    )
    unit = models.CharField("办案单位", max_length=200)
    province = models.ForeignKey(
        "taxonomy.Division", verbose_name="省份", on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"level": 1},
    )
    city = models.ForeignKey(
        "taxonomy.Division", verbose_name="地市", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True, limit_choices_to={"level": 2, "is_placeholder": False},
    )
    county = models.ForeignKey(
        "taxonomy.Division", verbose_name="区县", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True, limit_choices_to={"level": 3},
    )
    # The place as the source wrote it, when part of it matches no division (a functional district
    # the NBS list lacks, a 兵团 division…): kept so the case is never refused, shown with a warning.
    place_as_written = models.CharField(
        "地点原文", max_length=200, blank=True,
        help_text="导入时未能完全对应到行政区划的地点原文。请核对上方省、市、区县，核对后可清空此项。",
    )
    decision_date = models.DateField("处罚决定日期")
    industry = models.ForeignKey(
        "taxonomy.Industry", verbose_name="行业", on_delete=models.PROTECT, related_name="cases",
        null=True, blank=True, help_text="国民经济行业分类（GB/T 4754-2017），建议选到大类",
    )
    violation_types = ParentalManyToManyField("taxonomy.ViolationType", verbose_name="违法类型", blank=True)
    measures = ParentalManyToManyField("taxonomy.Measure", verbose_name="处理措施", blank=True)
    fine_yuan = models.DecimalField(
        "罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0, message="罚款金额不能为负数")],
    )
    basic_facts = RichTextField("基本案情", blank=True, features=RICH_TEXT_FEATURES)
    handling = RichTextField("查处情况", blank=True, features=RICH_TEXT_FEATURES)
    significance = RichTextField("典型意义", blank=True, features=RICH_TEXT_FEATURES)
    keywords = ClusterTaggableManager("关键词", through=CaseKeyword, blank=True)
    # Where a case already published elsewhere first appeared (imported cases); shown as its source.
    publisher = models.CharField("发布机关", max_length=200, blank=True, help_text="已在别处发布的案例：最初发布的机关或媒体")
    source_url = models.CharField("来源网址", max_length=500, blank=True)
    # Set by the review procedure (commendation, withdrawal), never by editing: kept out of
    # revisions by `with_content_json`, so publishing an older draft cannot undo them.
    commended_on = models.DateField("表扬日期", null=True, blank=True, editable=False)
    commendation = models.CharField("表扬说明", max_length=300, blank=True, editable=False)
    withdrawn_on = models.DateField("撤除日期", null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField("撤除理由", blank=True, editable=False)
    PROCEDURE_FIELDS = ["commended_on", "commendation", "withdrawn_on", "withdrawal_reason"]
    # Texts the submitter confirmed are not personal data (e.g. a company's public hotline).
    pii_cleared = models.JSONField("已确认非个人信息", default=list, blank=True, editable=False)

    objects = PageManager.from_queryset(CaseQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("ref"), FieldPanel("decision_date")]),
                FieldPanel("unit"),
                FieldRowPanel([
                    FieldPanel("province"),
                    FieldPanel("city", widget=RegionSelect("province", Division.Level.CITY)),
                    FieldPanel("county", widget=RegionSelect("city", Division.Level.COUNTY)),
                ]),
                PlaceWarningPanel(heading="地点核对"),
                FieldPanel("place_as_written"),
            ],
            heading="基本信息",
        ),
        PersonalDataPanel(heading="个人信息检查"),
        FieldPanel("basic_facts"),
        FieldPanel("handling"),
        FieldPanel("significance"),
        SimilarCasesPanel(heading="相似案例"),
        MultiFieldPanel(
            [
                SuggestionsPanel(heading="自动提取建议"),
                FieldPanel("industry", widget=industry_chooser.widget_class),
                FieldPanel("violation_types"),
                FieldPanel("measures"),
                FieldPanel("fine_yuan"),
                FieldPanel("keywords", widget=LabelledTagWidget),
            ],
            heading="结构化信息",
        ),
        MultiFieldPanel([FieldPanel("publisher"), FieldPanel("source_url")], heading="来源", classname="collapsed"),
        InlinePanel("citations", heading="法律依据", label="条款"),
        InlinePanel("attachments", heading="附件", label="附件"),
    ]
    parent_page_types = ["cases.CityIndexPage"]
    subpage_types = []
    base_form_class = CasePageForm

    search_fields = Page.search_fields + [
        index.SearchField("ref"),
        index.SearchField("segmented_text"),
        index.FilterField("decision_date"),
    ]

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"

    def clean(self):
        super().clean()
        errors = {}
        if self.decision_date and self.decision_date > timezone.localdate():
            errors["decision_date"] = "处罚决定日期不能晚于今天"
        try:
            check_region(self.province if self.province_id else None, self.city, self.county)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """A revision carries the editable content; the procedure fields stay as they are now."""
        obj = super().with_content_json(content)
        for name in self.PROCEDURE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def _set_core_field_defaults(self):
        # Wagtail runs this before every validation (draft or live) and would derive the slug
        # from the Chinese title. A case's URL is its ref instead: readable, stable, and changed
        # only with the ref (Wagtail's redirects app then redirects the old URL).
        self.slug = ref_slug(self.ref) or self.slug
        super()._set_core_field_defaults()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = [
            {"name": name, "heading": heading, "value": getattr(self, name)}
            for name, heading in SECTIONS
            if getattr(self, name)
        ]
        return context

    # --- what templates, search and exports read -------------------------------------------

    def section_texts(self) -> dict[str, str]:
        """Plain text of each public section, keyed by field name."""
        return {name: strip_tags(getattr(self, name) or "") for name, _ in SECTIONS}

    def plain_text(self) -> str:
        return "\n".join([self.title, *self.section_texts().values()])

    def segmented_text(self) -> str:
        """Space-joined jieba tokens, so Wagtail's database search matches Chinese words."""
        from nlp import segment

        return " ".join(segment(self.plain_text()))

    def set_procedure_fields(self, **values) -> None:
        """Writes procedure fields straight to the page row (they are not part of revisions).
        `.update()` sends no model signals: `withdraw` and `commend` send the case's own. The
        cached public pages are made stale here, as for every other write of a public field."""
        unknown = set(values) - set(self.PROCEDURE_FIELDS)
        if unknown:
            raise ValueError(f"not procedure fields: {unknown}")
        for name, value in values.items():
            setattr(self, name, value)
        CasePage.objects.filter(pk=self.pk).update(**values)
        invalidate_public_pages()

    def withdraw(self, reason: str, on: datetime.date | None = None) -> None:
        """Takes the case out of every public listing; it keeps its URL and revisions."""
        self.set_procedure_fields(withdrawn_on=on or timezone.localdate(), withdrawal_reason=reason)
        signals.case_withdrawn.send(sender=CasePage, instance=self, reason=reason)

    def commend(self, unit: str, on: datetime.date | None = None) -> None:
        """Marks the case 优秀典型案例, commending `unit`."""
        self.set_procedure_fields(commended_on=on or timezone.localdate(), commendation=unit)
        signals.case_commended.send(sender=CasePage, instance=self, unit=unit)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @cached_property
    def region_label(self) -> str:
        """The place as written when part of it matched no division, else the divisions' names."""
        return self.place_as_written or self.division_label

    @property
    def source_link(self) -> str:
        """The source address when it is a web address (only those are linked on public pages)."""
        return self.source_url if self.source_url.startswith(("http://", "https://")) else ""

    @property
    def division_label(self) -> str:
        return "".join(d.name for d in (self.province, self.city, self.county) if d is not None)

    def violated_citations(self):
        return [c for c in self.citations.all() if c.role == CaseCitation.Role.VIOLATED]

    def basis_citations(self):
        return [c for c in self.citations.all() if c.role == CaseCitation.Role.BASIS]


class CaseCitation(Orderable):
    """A legal provision a case cites, with its role. `provision` links the text of the
    version in force on the decision date; it stays empty for laws Casebase does not hold
    (local regulations, discretion rules), which keep their own title."""

    class Role(models.TextChoices):
        VIOLATED = "violated", "违反条款"
        BASIS = "basis", "处罚依据"

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="citations")
    role = models.CharField("作用", max_length=10, choices=Role.choices)
    law_title = models.CharField("法律法规名称", max_length=200)
    article = models.PositiveIntegerField("条", null=True, blank=True)
    paragraph = models.PositiveSmallIntegerField("款", null=True, blank=True)
    item = models.PositiveSmallIntegerField("项", null=True, blank=True)
    provision = models.ForeignKey(
        Provision, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="citations"
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("law_title")]),
        FieldRowPanel([FieldPanel("article"), FieldPanel("paragraph"), FieldPanel("item")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "引用条款"

    def __str__(self):
        return f"《{self.law_title}》{self.label}"

    @property
    def label(self) -> str:
        return provision_label(self.article, self.paragraph, self.item) if self.article else ""

    def resolve(self, decided_on: datetime.date | None) -> None:
        """Links the provision of the version in force on `decided_on`, when Casebase holds it."""
        law = find_law(self.law_title, on=decided_on)
        if law is not None:
            self.law_title = law.title
        self.provision = (
            find_provision(law, self.article, self.paragraph, self.item, decided_on)
            if law is not None and self.article
            else None
        )
        self.mark_resolved(decided_on)

    def mark_resolved(self, decided_on: datetime.date | None) -> None:
        """Records that `law_title` and `provision` are resolved for the current address and
        date (the importer resolves while it validates), so that `save` does not do it again."""
        self._resolved_for = self._address(decided_on)

    def _address(self, decided_on) -> tuple:
        return (self.law_title, self.article, self.paragraph, self.item, decided_on)

    def save(self, *args, **kwargs):
        decided_on = self.page.decision_date if self.page_id else None
        if getattr(self, "_resolved_for", None) != self._address(decided_on):
            self.resolve(decided_on)
        super().save(*args, **kwargs)


class CaseAttachment(Orderable):
    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"


class Correction(models.Model):
    """A published case corrected through the correction procedure; the earlier revision stays."""

    page = models.ForeignKey(CasePage, on_delete=models.CASCADE, related_name="corrections")
    corrected_on = models.DateField("更正日期")
    reason = models.TextField("更正理由")
    previous_revision = models.ForeignKey(Revision, null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey(Revision, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["corrected_on", "pk"]
        verbose_name = verbose_name_plural = "更正记录"

    def __str__(self):
        return f"{self.page.title}（{self.corrected_on:%Y年%m月%d日}更正）"


class CaseSuggestion(models.Model):
    """What extraction suggests for a case's structured fields, and what the submitter decided.
    Suggestions are only ever written into the case when the submitter accepts them."""

    page = models.OneToOneField(CasePage, on_delete=models.CASCADE, related_name="suggestion")
    revision = models.ForeignKey(Revision, null=True, on_delete=models.SET_NULL, related_name="+")
    values = models.JSONField(default=dict)
    decisions = models.JSONField(default=dict, help_text="field → accepted / rejected")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "提取建议"



from .bulk_models import ImportJob  # noqa: E402,F401  (the admin upload of case files)
