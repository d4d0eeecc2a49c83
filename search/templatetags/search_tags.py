"""Template tags that put search features on other apps' pages (case pages, law pages)."""
from django import template

from casebase.precedents import discretion

from .. import related
from ..results import SECTION_LABELS

register = template.Library()


@register.simple_tag
def related_cases(case):
    """Published cases like `case` (never itself); empty when search is unavailable."""
    return related.related_cases(case)


@register.simple_tag
def case_discretion(case):
    """裁量参考 for the first article the case was decided under (else the first it violated):
    `{"article_key", "label", "reference"}`, or None when the case cites no provision we hold."""
    citations = [c for c in [*case.basis_citations(), *case.violated_citations()] if c.provision is not None]
    if not citations:
        return None
    provision = citations[0].provision
    reference = discretion.for_article(provision.article_key)
    return {"article_key": provision.article_key, "label": f"《{provision.version.law.title}》{provision.article_label}",
            "reference": reference}


@register.filter
def wan(amount) -> str:
    """A fine in yuan as 万元 (12.5万元) or yuan below ten thousand."""
    if amount is None:
        return "—"
    amount = float(amount)
    return f"{amount / 10000:g}万元" if amount >= 10000 else f"{amount:g}元"


@register.filter
def section_label(name: str) -> str:
    return SECTION_LABELS.get(name, name)


@register.simple_tag
def fine_reference_of(cases):
    """裁量参考 over the given cases (e.g. those decided under one article)."""
    return discretion.fine_reference(cases)
