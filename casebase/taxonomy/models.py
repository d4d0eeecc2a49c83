"""Reference taxonomies: industries (GB/T 4754-2017), administrative divisions,
violation types and enforcement measures. Loaded by `load_reference_data`."""
from django.db import models


class Industry(models.Model):
    """A node of GB/T 4754-2017. `code` is the full form: section letter plus digits (C, C26, C261, C2614)."""

    class Level(models.IntegerChoices):
        SECTION = 1, "门类"
        DIVISION = 2, "大类"
        GROUP = 3, "中类"
        CLASS = 4, "小类"

    code = models.CharField("代码", max_length=5, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    description = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "行业分类"

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def division(self) -> "Industry | None":
        """The 大类 this node belongs to (itself for a division), None for a section."""
        node = self
        while node is not None and node.level > self.Level.DIVISION:
            node = node.parent
        return node if node is not None and node.level == self.Level.DIVISION else None


class Division(models.Model):
    """An administrative division (NBS 2023 statistical codes): province, prefecture or county."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, "省级"
        CITY = 2, "地级"
        COUNTY = 3, "县级"

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=50, db_index=True)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # NBS grouping rows (市辖区, 省直辖县级行政区划) are not real units: never offered to users.
    is_placeholder = models.BooleanField(default=False)
    # County-level statistical zones (开发区, 高新区…) that GB/T 2260 does not list.
    is_functional_zone = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "行政区划"

    def __str__(self):
        return self.name

    def ancestors(self) -> list["Division"]:
        """Real (non-placeholder) ancestors from the province down, excluding self."""
        chain, node = [], self.parent
        while node is not None:
            if not node.is_placeholder:
                chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def province(self) -> "Division":
        return self if self.level == self.Level.PROVINCE else self.ancestors()[0]


class VocabularyTerm(models.Model):
    """Common shape of the controlled vocabularies of CONTRACTS §3."""

    name = models.CharField("名称", max_length=50, unique=True)
    description = models.TextField("说明", blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ViolationType(VocabularyTerm):
    """A violation type. Top-level terms are the contract vocabulary; children are finer subtypes."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="subtypes")

    class Meta(VocabularyTerm.Meta):
        verbose_name = verbose_name_plural = "违法类型"

    @property
    def reported_type(self) -> "ViolationType":
        """The contract-vocabulary term this (sub)type reports as."""
        return self.parent or self


class Measure(VocabularyTerm):
    """An enforcement measure (罚款, 责令改正, 查封扣押…)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = verbose_name_plural = "处理措施"
