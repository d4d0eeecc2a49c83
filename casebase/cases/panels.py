"""Editor panels of the case page: personal-data check and extraction suggestions.
Their buttons post to the views in admin_views.py (formaction, no JavaScript needed)."""
from django.urls import reverse
from wagtail.admin.panels import Panel


class CaseReadOutPanel(Panel):
    """Common shape: shown for saved cases only, rendering a template with the page's read-out."""

    template_name = ""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        class Media:
            css = {"all": ["cases/panels.css"]}

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.panel.read_out(self.instance))
            return context


class PersonalDataPanel(CaseReadOutPanel):
    template_name = "cases/panels/personal_data.html"

    def read_out(self, page):
        from .extraction import page_personal_data

        return {
            "findings": page_personal_data(page),
            "redact_url": reverse("cases_redact", args=[page.pk]),
            "clear_url": reverse("cases_clear_pii", args=[page.pk]),
        }


class SuggestionsPanel(CaseReadOutPanel):
    template_name = "cases/panels/suggestions.html"

    def read_out(self, page):
        from .extraction import pending_suggestions

        suggestion = getattr(page, "suggestion", None)  # shown for saved cases only
        return {
            "suggestions": pending_suggestions(page, suggestion),
            "analysed": suggestion is not None,
            "decide_url": reverse("cases_decide_suggestion", args=[page.pk]),
        }


class PlaceWarningPanel(CaseReadOutPanel):
    """Tells the submitter and the reviewers (who review in the same editor) that the place was
    kept as written because part of it matched no division."""

    template_name = "cases/panels/place_warning.html"

    class BoundPanel(CaseReadOutPanel.BoundPanel):
        def is_shown(self):
            return super().is_shown() and bool(self.instance.place_as_written)

    def read_out(self, page):
        return {"place_as_written": page.place_as_written, "region": page.division_label}
