"""Laws, their versions and their provisions (article / paragraph 款 / item 项).

A case cites a provision of the version in force on its decision date; the
version is chosen by `Law.version_in_force`.
"""
import datetime
from typing import NamedTuple

from django.db import models
from django.urls import reverse

from .numbering import article_label, provision_label


class Law(models.Model):
    title = models.CharField("标题", max_length=200, unique=True, help_text="官方全称，如“中华人民共和国大气污染防治法”")
    short_title = models.CharField("简称", max_length=100, unique=True, help_text="网址与检索中使用，如“大气污染防治法”")

    class Meta:
        ordering = ["short_title"]
        verbose_name = verbose_name_plural = "法律法规"

    def __str__(self):
        return self.title

    def version_in_force(self, on: datetime.date | None) -> "LawVersion | None":
        """The version in force on `on`; the newest one when `on` is None; None before the first one we hold."""
        versions = self.versions.order_by("-effective_on")
        if on is None:
            return versions.first()
        return versions.filter(effective_on__lte=on).first()

    def get_absolute_url(self):
        latest = self.version_in_force(None)
        return latest.get_absolute_url() if latest else reverse("laws:index")


class LawVersion(models.Model):
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="versions")
    adopted_on = models.DateField("通过或修改日期")
    effective_on = models.DateField("施行日期")
    history = models.TextField("沿革", blank=True)
    source_file = models.CharField("来源文件", max_length=200)

    class Meta:
        ordering = ["law", "-effective_on"]
        unique_together = [("law", "adopted_on")]
        verbose_name = verbose_name_plural = "法律版本"

    def __str__(self):
        return f"{self.law.short_title}（{self.adopted_on:%Y}年版）"

    @property
    def slug(self) -> str:
        return self.adopted_on.isoformat()

    @property
    def key(self) -> str:
        """Stable identifier used in the search index: 大气污染防治法@2018."""
        return f"{self.law.short_title}@{self.adopted_on:%Y}"

    def get_absolute_url(self):
        return reverse("laws:version", args=[self.law.short_title, self.slug])

    def articles(self):
        return self.provisions.filter(paragraph__isnull=True, item__isnull=True)


class Provision(models.Model):
    """One addressable unit: an article (paragraph and item null), a paragraph, or an item."""

    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="provisions")
    article = models.PositiveIntegerField("条")
    # 第X条之一 → sub_article 1; 0 for an ordinary article.
    sub_article = models.PositiveSmallIntegerField(default=0)
    paragraph = models.PositiveSmallIntegerField("款", null=True, blank=True)
    item = models.PositiveSmallIntegerField("项", null=True, blank=True)
    text = models.TextField("条文")
    chapter = models.CharField("章", max_length=100, blank=True)
    section = models.CharField("节", max_length=100, blank=True)
    position = models.PositiveIntegerField("顺序", help_text="在本版本中的顺序")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "article", "sub_article", "paragraph", "item"],
                name="unique_provision",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["version", "article"])]
        verbose_name = verbose_name_plural = "条款"

    def __str__(self):
        return f"《{self.version.law.title}》{self.label}"

    @property
    def label(self) -> str:
        """第一百零八条第一款第（五）项 style label."""
        return provision_label(self.article, self.paragraph, self.item, self.sub_article)

    @property
    def anchor(self) -> str:
        """Stable fragment id on the law page: article-99, article-108-1, article-108-1-5 (之一: article-120_1)."""
        anchor = f"article-{self.article}" + (f"_{self.sub_article}" if self.sub_article else "")
        for part in (self.paragraph, self.item):
            if part:
                anchor += f"-{part}"
        return anchor

    @property
    def article_label(self) -> str:
        return article_label(self.article, self.sub_article)

    @property
    def article_key(self) -> str:
        """Search key at article level: 大气污染防治法@2018:72 (read back by `split_article_key`)."""
        suffix = f"-{self.sub_article}" if self.sub_article else ""
        return f"{self.version.key}:{self.article}{suffix}"

    @property
    def key(self) -> str:
        """Search key with paragraph and item: 大气污染防治法@2018:108.1.5 (0 where absent)."""
        return f"{self.article_key}.{self.paragraph or 0}.{self.item or 0}"

    def get_absolute_url(self):
        return f"{self.version.get_absolute_url()}#{self.anchor}"


class ArticleKey(NamedTuple):
    short_title: str
    year: int
    article: int
    sub_article: int


def split_article_key(key: str) -> ArticleKey:
    """大气污染防治法@2018:72 → (大气污染防治法, 2018, 72, 0); 刑法@2023:120-1 → (…, 120, 1).
    The key must be well formed (`Provision.article_key`; checked by search.params)."""
    short_title, _, rest = key.partition("@")
    year, _, number = rest.partition(":")
    article, _, sub = number.partition("-")
    return ArticleKey(short_title, int(year), int(article), int(sub or 0))
