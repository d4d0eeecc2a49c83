"""StreamField blocks of an industry compliance guide (重点行业环境执法简要指南).

A guide's body is a sequence of sections (obligations, common violations, self-check list,
questions and answers); each section holds a list of entries. Provisions are cited by law
title and article / paragraph / item and resolved against the version in force today, so a
guide always shows the current text of the law.
"""
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from casebase.laws.models import Provision
from casebase.laws.numbering import provision_label
from casebase.laws.resolve import find_law, find_provision, find_provisions

_UNRESOLVED = object()


class ProvisionValue(blocks.StructValue):
    """A cited provision. The values `ProvisionBlock.bulk_to_python` makes together (all the
    citations of a page's sections of one kind) are resolved together, with one `find_provisions`,
    when the first of them is asked for its provision; a value made otherwise (an editor's form)
    is resolved alone."""

    _provision = _UNRESOLVED
    _batch: tuple["ProvisionValue", ...] = ()

    @property
    def provision(self) -> Provision | None:
        """The cited provision in the current version of the law, None when Casebase lacks it."""
        if self._provision is _UNRESOLVED:
            resolve_together(self._batch or (self,))
        return self._provision

    @property
    def label(self) -> str:
        """《中华人民共和国水污染防治法》第四十五条第一款, as cited."""
        return f"《{self['law']}》{provision_label(self['article'], self['paragraph'], self['item'])}"


def resolve_together(values) -> None:
    """Resolves the provision of each of `values` not yet resolved, in one `find_provisions`."""
    pending = [value for value in values if value._provision is _UNRESOLVED]
    addresses = [(value["law"], value["article"], value["paragraph"], value["item"]) for value in pending]
    for value, provision in zip(pending, find_provisions(addresses)):
        value._provision = provision


def resolve_citation(citation) -> Provision | None:
    """The provision a citation in a content file (a dict) names, in the current version of the law."""
    law = find_law(citation["law"])
    if law is None:
        return None
    return find_provision(law, citation["article"], citation["paragraph"], citation["item"], None)


CITATION_FIELDS = ("provisions", "violated", "penalty_basis")  # the entry fields that cite provisions


class ProvisionBlock(blocks.StructBlock):
    law = blocks.CharBlock(label="法律法规全称")
    article = blocks.IntegerBlock(label="条", min_value=1)
    paragraph = blocks.IntegerBlock(label="款", required=False, min_value=1)
    item = blocks.IntegerBlock(label="项", required=False, min_value=1)

    class Meta:
        label = "条款"
        value_class = ProvisionValue
        form_classname = "struct-block provision-block"

    def bulk_to_python(self, values):
        """Wagtail converts the stored citations of all the sections of one kind in a page through
        here at once: they are resolved as one batch, on first use."""
        citations = super().bulk_to_python(values)
        batch = tuple(citations)
        for citation in citations:
            citation._batch = batch
        return citations

    def clean(self, value):
        value = super().clean(value)
        if value.provision is None:
            raise StructBlockValidationError(
                block_errors={"article": ValidationError(f"现行法律法规中找不到 {value.label}，请核对名称和条、款、项")}
            )
        return value


def provision_list(label: str, required: bool = True) -> blocks.ListBlock:
    return blocks.ListBlock(ProvisionBlock(), label=label, min_num=1 if required else 0)


class ObligationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="义务")
    text = blocks.TextBlock(label="说明")
    provisions = provision_list("法律依据")

    class Meta:
        label = "法定义务"
        template = "guides/blocks/obligation.html"


class ViolationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="违法行为")
    text = blocks.TextBlock(label="说明")
    violation_type = blocks.CharBlock(label="违法类型", help_text="约定词表之一，如“大气污染”")
    violated = provision_list("违反条款")
    penalty_basis = provision_list("处罚依据")
    penalty_summary = blocks.TextBlock(label="处罚概括", help_text="处罚条款的通俗概括，金额幅度与条文一致")

    class Meta:
        label = "常见违法行为"
        template = "guides/blocks/violation.html"


class ChecklistItemBlock(blocks.StructBlock):
    item = blocks.CharBlock(label="自查问题", help_text="以“是/否”回答的问题")
    provisions = provision_list("法律依据", required=False)

    class Meta:
        label = "自查项"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="问题")
    answer = blocks.TextBlock(label="回答")

    class Meta:
        label = "问答"


class SectionBlock(blocks.StructBlock):
    """A titled section of a guide; subclasses add the list of its entries."""

    heading = blocks.CharBlock(label="标题")


def _section_block(name: str, entry: blocks.Block, entry_label: str, label: str, icon: str) -> type[SectionBlock]:
    """A SectionBlock subclass whose entries are `entry` blocks, rendered by
    guides/blocks/<name without Block, lower case>.html."""
    template = f"guides/blocks/{name.removesuffix('Block').lower()}.html"
    meta = type("Meta", (), {"label": label, "icon": icon, "template": template})
    entries = blocks.ListBlock(entry, label=entry_label, min_num=1)
    return type(name, (SectionBlock,), {"__module__": __name__, "entries": entries, "Meta": meta})


ObligationsBlock = _section_block("ObligationsBlock", ObligationBlock(), "义务", "法定义务", "doc-full")
ViolationsBlock = _section_block("ViolationsBlock", ViolationBlock(), "违法行为", "常见违法行为及处罚", "warning")
ChecklistBlock = _section_block("ChecklistBlock", ChecklistItemBlock(), "自查项", "企业自查清单", "tasks")
QuestionsBlock = _section_block("QuestionsBlock", QuestionBlock(), "问答", "常见问题", "help")


class GuideBodyBlock(blocks.StreamBlock):
    obligations = ObligationsBlock()
    violations = ViolationsBlock()
    checklist = ChecklistBlock()
    questions = QuestionsBlock()

    class Meta:
        block_counts = {name: {"max_num": 1} for name in ("obligations", "violations", "checklist", "questions")}
