from django import template

from casebase.guides.illustrations import ILLUSTRATIONS_PER_VIOLATION, cases_for
from casebase.guides.penalties import discretion_references

register = template.Library()


def resolved(citations) -> list:
    return [citation.provision for citation in citations if citation.provision is not None]


@register.simple_tag
def illustrating_cases(violation, guide) -> list:
    """The newest published cases of `guide`'s industries that committed `violation`."""
    return list(cases_for(resolved(violation["violated"]), guide.industry_codes)[:ILLUSTRATIONS_PER_VIOLATION])


@register.simple_tag
def penalty_references(violation) -> list[dict]:
    return discretion_references(resolved(violation["penalty_basis"]))
