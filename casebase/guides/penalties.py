"""The hook through which a discretion reference (裁量基准) links a guide's penalty provisions.

Any app may register a function under the Wagtail hook ``guide_discretion_reference``; it
receives a `casebase.laws.models.Provision` and returns ``{"title": str, "url": str}`` or None.
Guides show every reference returned beside the penalty they explain.
"""
from collections.abc import Iterable

from wagtail import hooks

from casebase.laws.models import Provision

DISCRETION_HOOK = "guide_discretion_reference"


def discretion_references(provisions: Iterable[Provision]) -> list[dict]:
    references = []
    for provision in provisions:
        for reference_for in hooks.get_hooks(DISCRETION_HOOK):
            reference = reference_for(provision)
            if reference and reference not in references:
                references.append(reference)
    return references
