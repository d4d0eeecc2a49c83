"""Driving the Wagtail page editor and workflow actions with the Django test client."""
from django.urls import reverse
from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def edit_form_data(case, action: str | None = "action-submit", **overrides) -> dict:
    """The POST of the case editor for `case` as the editor shows it (its latest revision), with
    `overrides`, pressing `action`."""
    case = type(case).objects.get(pk=case.pk).get_latest_revision_as_object()
    citations = list(case.citations.all())
    data = {
        "title": case.title, "slug": case.slug, "ref": case.ref, "unit": case.unit,
        "province": case.province_id, "city": case.city_id or "", "county": case.county_id or "",
        "place_as_written": case.place_as_written, "publisher": case.publisher, "source_url": case.source_url,
        "decision_date": case.decision_date.isoformat(),
        "basic_facts": rich_text(case.basic_facts), "handling": rich_text(case.handling),
        "significance": rich_text(case.significance),
        "industry": case.industry_id or "", "fine_yuan": str(case.fine_yuan or ""),
        "violation_types": [t.pk for t in case.violation_types.all()],
        "measures": [m.pk for m in case.measures.all()],
        "keywords": ",".join(t.name for t in case.keywords.all()),
        "citations": inline_formset(
            [{"id": c.pk, "role": c.role, "law_title": c.law_title, "article": c.article or "",
              "paragraph": c.paragraph or "", "item": c.item or ""} for c in citations],
            initial=len(citations),
        ),
        "attachments": inline_formset([]),
    }
    data.update(overrides)
    if action:
        data[action] = "1"
    # nested_form_data would turn a list into keys "violation_types-0"…, which the multiple
    # choice fields do not read (every submission lost its violation types and measures).
    choices = {name: data.pop(name) for name in ("violation_types", "measures")}
    return {**nested_form_data(data), **choices}


def edit(client, case, action: str | None = "action-submit", **overrides):
    return client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), edit_form_data(case, action, **overrides))


def current_task_state(case) -> TaskState | None:
    state = type(case).objects.get(pk=case.pk).current_workflow_state
    return state.current_task_state.specific if state else None


# The admin's workflow-action modal posts with this header; Wagtail then answers a refusal
# with 403 (without it, with a redirect to the dashboard and an error message).
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def act(client, case, action: str, comment: str = ""):
    """Takes a workflow action (approve / reject) on the case's current task as the client's user,
    the way the admin's modal does. 200 means done (or the form shown again), 403 refused."""
    state = current_task_state(case)
    url = reverse("wagtailadmin_pages:workflow_action", args=[case.pk, action, state.pk])
    return client.post(url, {"comment": comment}, **XHR)
