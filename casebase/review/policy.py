"""Who may take the procedure's own actions (beyond Wagtail's page and task permissions).
Every view and hook asks this object; none re-implements a check. It checks the permissions of
`review.Procedure` (granted to the roles' groups by migration), never a group's name."""
from wagtail.permission_policies.pages import PagePermissionPolicy


class ReviewPolicy:
    def __init__(self, user):
        self.user = user

    def _may(self, codename: str) -> bool:
        # has_perm caches the user's permissions on the user object: one query per request.
        return bool(self.user and self.user.is_authenticated and self.user.is_active and self.user.has_perm(f"review.{codename}"))

    def can_commend(self) -> bool:
        return self._may("commend_cases")

    def can_manage_officers(self) -> bool:
        """Creating the officers' accounts (执法人员), city by city."""
        return self._may("manage_officers")

    def can_import_cases_anywhere(self) -> bool:
        """Bulk import (批量导入) of any city's cases, published at once if need be; a city's
        submitters import only their own city's, as drafts (casebase/cases/bulk_tasks.py)."""
        return self._may("import_cases_anywhere")

    def can_view_tracking(self) -> bool:
        """The quarterly report, the statistics and the minutes of deliberations."""
        return self._may("view_tracking")

    def can_search_cases_under_review(self) -> bool:
        """The admin's case search over the cases under review and the published ones
        (the reviewers hold no page permissions of their own)."""
        return self._may("search_cases_under_review")

    def can_read_open_minutes(self) -> bool:
        """Opinions of a vote still in progress: administrators only, so that no member reads
        the others' opinions before casting their own."""
        return self._may("read_open_minutes")

    def can_cancel_review(self, case) -> bool:
        """The submitting city (its submitters hold the change permission on its own subtree) and
        the provincial administrators; reviewers and committee members never, whatever Wagtail's
        own rule (any approver may cancel) would allow."""
        return self._may("cancel_any_review") or (
            self.user.is_active and PagePermissionPolicy().user_has_permission_for_instance(self.user, "change", case)
        )
