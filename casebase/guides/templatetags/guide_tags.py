from django import template

from casebase.guides.illustrations import Illustrations, illustrations_for
from casebase.guides.penalties import discretion_references

register = template.Library()


def resolved(citations) -> list:
    return [citation.provision for citation in citations if citation.provision is not None]


@register.simple_tag
def illustrating_cases(violation, guide) -> Illustrations:
    """The newest published cases of `guide`'s industries that committed `violation`, or of
    other industries when the guide's own have none."""
    return illustrations_for(resolved(violation["violated"]), guide.industry_codes)


@register.simple_tag
def penalty_references(violation) -> list[dict]:
    return discretion_references(resolved(violation["penalty_basis"]))
