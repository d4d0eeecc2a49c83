"""The case editor's form: on submission for review, run every registered submission check."""
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

from casebase.core.validators import guard_text_fields

# The edit view's POST keys that send a case into review.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")
SUBMISSION_CHECKS_HOOK = "casebase_submission_checks"


class CasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self)  # the title, the unit…: no control characters

    def is_submission(self) -> bool:
        return any(self.data.get(action) for action in SUBMIT_ACTIONS)

    def is_valid(self) -> bool:
        """Valid as a draft, and, when submitting, passing every submission check. The checks
        run after the inline formsets (the citations) are validated, so they see them too."""
        valid = super().is_valid()
        if valid and self.is_submission():
            for check in hooks.get_hooks(SUBMISSION_CHECKS_HOOK):
                for field, message in check(self):
                    self.add_error(field if field in self.fields else None, message)
        return valid and not self.errors
