"""What a compilation holds, computed once and rendered by both the PDF template and the DOCX writer."""
import datetime
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from casebase.cases.models import SECTIONS, CasePage
from casebase.core.templatetags.casebase_tags import chinese_date, yuan
from casebase.laws.numbering import int_to_cn
from casebase.taxonomy.models import ViolationType

OTHER_TYPE = "其他"
PARAGRAPH_BREAK = re.compile(r"</p>|<br\s*/?>|</li>", re.IGNORECASE)


def paragraphs(markup: str) -> list[str]:
    """The plain-text paragraphs of rich text (entities such as &quot; and &amp; decoded)."""
    return [text for text in (html.unescape(strip_tags(part)).strip() for part in PARAGRAPH_BREAK.split(markup or "")) if text]


@dataclass
class CaseEntry:
    number: int
    case: CasePage
    sections: list[tuple[str, list[str]]]
    citations: list[str]
    notices: list[str] = field(default_factory=list)  # withdrawal and correction notices, as plain text

    @property
    def anchor(self) -> str:
        return f"case-{self.number}"

    @property
    def header(self) -> list[tuple[str, str]]:
        """The (label, value) pairs of the line under the case's title, in the PDF and the DOCX alike."""
        case = self.case
        pairs = [("案例编号", case.ref), ("办案单位", case.unit), ("地区", case.region_label), ("决定日期", chinese_date(case.decision_date))]
        if case.fine_yuan is not None:
            pairs.append(("罚款", yuan(case.fine_yuan)))
        return pairs


@dataclass
class Group:
    number: int
    heading: str
    cases: list[CaseEntry] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{int_to_cn(self.number)}、{self.heading}"

    @property
    def anchor(self) -> str:
        return f"group-{self.number}"


@dataclass
class Contents:
    title: str
    period_label: str
    filters_label: str
    compiled_on: datetime.date
    groups: list[Group]
    provisions: list[tuple[str, list[str]]]  # (provision as cited, refs of the cases citing it)
    commended: list[CasePage]

    @property
    def case_count(self) -> int:
        return sum(len(group.cases) for group in self.groups)

    def toc(self) -> list[dict]:
        return [{"heading": g.title, "cases": [{"ref": e.case.ref, "title": e.case.title} for e in g.cases]} for g in self.groups]


def primary_type(case: CasePage) -> str:
    """The first contract violation type of a case (vocabulary order), which places it in one group."""
    reported = sorted({vt.reported_type for vt in case.violation_types.all()}, key=lambda vt: (vt.sort_order, vt.name))
    return reported[0].name if reported else OTHER_TYPE


def group_cases(cases: list[CasePage]) -> list[Group]:
    by_type = defaultdict(list)
    for case in cases:
        by_type[primary_type(case)].append(case)
    order = [vt.name for vt in ViolationType.objects.filter(parent=None)] + [OTHER_TYPE]
    groups, number = [], 0
    for heading in (name for name in order if name in by_type):
        group = Group(len(groups) + 1, heading)
        for case in by_type[heading]:
            number += 1
            group.cases.append(case_entry(number, case))
        groups.append(group)
    return groups


def case_entry(number: int, case: CasePage) -> CaseEntry:
    sections = [(heading, paragraphs(getattr(case, name))) for name, heading in SECTIONS if getattr(case, name)]
    citations = [f"{c.get_role_display()}：{c}" for c in case.citations.all()]
    # The notices are worded once, in the template every page shows them with; the DOCX takes their text.
    notices = paragraphs(render_to_string("cases/includes/notices.html", {"page": case}))
    return CaseEntry(number, case, sections, citations, notices)


def provision_index(cases: list[CasePage]) -> list[tuple[str, list[str]]]:
    """Every provision applied (violated or as penalty basis), in law and article order, with the citing cases."""
    refs = defaultdict(list)
    for case in cases:
        for citation in case.citations.all():
            key = (citation.law_title, citation.article or 0, citation.paragraph or 0, citation.item or 0, str(citation))
            if case.ref not in refs[key]:
                refs[key].append(case.ref)
    return [(key[-1], refs[key]) for key in sorted(refs)]


def compilation_contents(compilation) -> Contents:
    cases = list(
        compilation.cases()
        .select_related("province", "city", "county", "industry")
        .prefetch_related("violation_types__parent", "citations", "corrections")
    )
    return Contents(
        title=compilation.title,
        period_label=compilation.period_label,
        filters_label=compilation.filters_label,
        compiled_on=timezone.localdate(),
        groups=group_cases(cases),
        provisions=provision_index(cases),
        commended=[case for case in cases if case.commended_on],
    )
