"""The case editor's 相似案例 panel (casebase/review/duplicates.py). Kept apart from the review
models so that the case page's panel list can name it without importing them."""
from casebase.cases.panels import CaseReadOutPanel


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
            from . import duplicates

            context = super(CaseReadOutPanel.BoundPanel, self).get_context_data(parent_context)
            page = self.instance
            # A submission just checked (and refused) carries its check: the same, not run twice.
            check = getattr(page, "duplicate_check", None)
            if check is None and page.pk:
                check = duplicates.check_page(page, self.request.user)
            context.update({
                # The confirmation is the submitter's, before submitting: not asked while in review.
                "check": check, "form": self.form, "may_confirm": not (page.pk and page.workflow_in_progress),
                "confirmation": duplicates.latest_confirmation(page),
                "coverage": duplicates.coverage(page) if page.pk else [],
            })
            return context

    def read_out(self, page):
        return {}
