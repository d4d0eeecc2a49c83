"""The roles of the typical-case procedure. Groups are created by data migration
(fixed roles) or with their city's index page (one submitter group per city)."""

BUSINESS_REVIEWERS = "业务审核员"
LEGAL_REVIEWERS = "法制审核员"
COMMITTEE = "集体审议委员会"
PROVINCE_ADMINS = "省级管理员"
FIXED_ROLES = [BUSINESS_REVIEWERS, LEGAL_REVIEWERS, COMMITTEE, PROVINCE_ADMINS]

# Page permissions a city's submitters hold on their own city's index page.
SUBMITTER_PAGE_PERMISSIONS = ["add_page", "change_page"]


def submitter_group_name(division_name: str) -> str:
    return f"{division_name}案例报送员"
