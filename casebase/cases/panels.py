"""Editor panels of the case page: personal-data check and extraction suggestions.
Their buttons post to the views in admin_views.py (formaction, no JavaScript needed)."""
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import Panel

# Hook of the 相似案例 panel: each function registered under it takes (page, request, form) and
# returns the panel's context. The near-duplicate check (casebase/review/duplicates.py) registers
# it, so that the case page names its panel without importing the search the check runs on.
SIMILAR_CASES_HOOK = "casebase_similar_cases_context"


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


class SimilarCasesPanel(CaseReadOutPanel):
    """The existing cases most like this one, the confirmation the submitter gave, and how many
    published cases cover the same provision and violation type. Shown to the submitter and to
    the reviewers, who review in the same editor."""

    template_name = "review/panels/similar_cases.html"
    CONFIRMATION_FIELDS = ["duplicate_confirmed", "duplicate_reason"]  # declared on CasePageForm

    def get_form_options(self):
        # Claimed here, so the editor does not render them again, bare, below the panels.
        return {"fields": self.CONFIRMATION_FIELDS}

    class BoundPanel(CaseReadOutPanel.BoundPanel):
        def is_shown(self):
            # At creation too: a refused submission asks for the confirmation in this panel.
            return True

        def get_context_data(self, parent_context=None):
            context = super(CaseReadOutPanel.BoundPanel, self).get_context_data(parent_context)
            context["form"] = self.form
            for describe in hooks.get_hooks(SIMILAR_CASES_HOOK):
                context.update(describe(self.instance, self.request, self.form))
            return context

    def read_out(self, page):
        return {}
