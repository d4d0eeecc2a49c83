"""The discretion reference fragment for the case editor."""
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from casebase.cases.models import CasePage

from . import discretion


def discretion_panel(request, page_id: int):
    """An HTML fragment: 裁量参考 for the articles the case's latest draft was decided under and
    for its violation types within its industry. Only for users who may edit the case."""
    page = get_object_or_404(CasePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    provisions = {c.provision.article_key: c for c in draft.citations.all() if c.provision is not None and c.role == "basis"}
    industry = draft.industry.division if draft.industry and draft.industry.division else None
    references = [
        (f"《{c.law_title}》{c.provision.article_label}", discretion.for_article(key)) for key, c in provisions.items()
    ]
    references += [
        (f"{vt.name}{f'（{industry.name}）' if industry else ''}", discretion.for_violation_type(vt.name, industry.code if industry else None))
        for vt in draft.violation_types.all()
    ]
    return render(request, "precedents/discretion_panel.html", {"references": references})
