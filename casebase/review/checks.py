"""Checks a case must pass before it is submitted for review (hook `casebase_submission_checks`).

A check takes the editor's form (cleaned) and returns (field name or None, message) pairs; each
message tells the submitter exactly what is missing. Other apps register further checks
(personal data: casebase/cases/wagtail_hooks.py wires the nlp check)."""
from django.utils.html import strip_tags

from casebase.cases.models import SECTIONS


def required_sections(form) -> list[tuple[str, str]]:
    return [
        (name, f"提交审核前请填写“{heading}”")
        for name, heading in SECTIONS
        if not strip_tags(form.cleaned_data.get(name) or "").strip()
    ]


def legal_basis_given(form) -> list[tuple[str | None, str]]:
    formset = form.formsets.get("citations")
    if formset is None:
        return []
    cited = [f for f in formset.forms if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")]
    return [] if cited else [(None, "提交审核前请至少填写一条法律依据（违反条款或处罚依据）")]
