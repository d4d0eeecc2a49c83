"""The case editor's form: on submission for review, run every registered submission check."""
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

# The edit view's POST keys that send a case into review.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")
SUBMISSION_CHECKS_HOOK = "casebase_submission_checks"


class CasePageForm(WagtailAdminPageForm):
    def is_submission(self) -> bool:
        return any(self.data.get(action) for action in SUBMIT_ACTIONS)

    def is_valid(self) -> bool:
        """Valid as a draft, and, when submitting, passing every submission check. The checks
        run after the inline formsets (the citations) are validated, so they see them too."""
        valid = super().is_valid()
        if valid and self.is_submission():
            # Every check reads the cleaned data before any error is added: add_error drops the
            # field from cleaned_data, and a later check would then report it as empty.
            problems = [problem for check in hooks.get_hooks(SUBMISSION_CHECKS_HOOK) for problem in check(self)]
            for field, message in problems:
                self.add_error(field if field in self.fields else None, message)
        return valid and not self.errors
