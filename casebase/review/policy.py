"""Who may take the procedure's own actions (beyond Wagtail's page and task permissions).
Every view and hook asks this object; none re-implements a check."""
from wagtail.permission_policies.pages import PagePermissionPolicy

from .roles import BUSINESS_REVIEWERS, COMMITTEE, LEGAL_REVIEWERS, PROVINCE_ADMINS


class ReviewPolicy:
    def __init__(self, user):
        self.user = user
        self._groups = None

    def _in(self, *group_names: str) -> bool:
        if not (self.user and self.user.is_authenticated and self.user.is_active):
            return False
        if self.user.is_superuser:
            return True
        if self._groups is None:
            self._groups = set(self.user.groups.values_list("name", flat=True))
        return bool(self._groups.intersection(group_names))

    def can_commend(self) -> bool:
        return self._in(PROVINCE_ADMINS)

    def can_import_cases_anywhere(self) -> bool:
        """Bulk import (批量导入) of any city's cases, published at once if need be; a city's
        submitters import only their own city's, as drafts (casebase/cases/bulk_tasks.py)."""
        return self._in(PROVINCE_ADMINS)

    def can_view_tracking(self) -> bool:
        """The quarterly report, the statistics and the minutes of deliberations."""
        return self._in(PROVINCE_ADMINS, BUSINESS_REVIEWERS, LEGAL_REVIEWERS, COMMITTEE)

    def can_search_cases_under_review(self) -> bool:
        """The admin's case search over the cases under review and the published ones
        (the reviewers hold no page permissions of their own)."""
        return self._in(PROVINCE_ADMINS, BUSINESS_REVIEWERS, LEGAL_REVIEWERS, COMMITTEE)

    def can_read_open_minutes(self) -> bool:
        """Opinions of a vote still in progress: administrators only, so that no member reads
        the others' opinions before casting their own."""
        return self._in(PROVINCE_ADMINS)

    def can_cancel_review(self, case) -> bool:
        """The submitting city (its submitters hold the change permission on its own subtree) and
        the provincial administrators; reviewers and committee members never, whatever Wagtail's
        own rule (any approver may cancel) would allow."""
        return self._in(PROVINCE_ADMINS) or (
            self.user.is_active and PagePermissionPolicy().user_has_permission_for_instance(self.user, "change", case)
        )
