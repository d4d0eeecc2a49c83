"""The procedure's rights follow permissions, not group names: a province renames its groups in
the admin (省级管理员 → 省生态环境厅管理员) and nobody gains or loses a right."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from casebase.review import roles
from casebase.review.policy import ReviewPolicy

pytestmark = pytest.mark.django_db

CHECKS = ["can_commend", "can_view_tracking", "can_search_cases_under_review", "can_read_open_minutes"]
EXPECTED = {
    "province_admin": {"can_commend", "can_view_tracking", "can_search_cases_under_review", "can_read_open_minutes"},
    "reviewer_business": {"can_view_tracking", "can_search_cases_under_review"},
    "reviewer_legal": {"can_view_tracking", "can_search_cases_under_review"},
    "committee_1": {"can_view_tracking", "can_search_cases_under_review"},
    "city_hangzhou": set(),
}


def granted(username: str) -> set[str]:
    user = get_user_model().objects.get(username=username)  # fresh: no cached permissions
    return {check for check in CHECKS if getattr(ReviewPolicy(user), check)()}


@pytest.mark.parametrize("username", EXPECTED)
def test_each_role_holds_its_rights_and_keeps_them_when_its_group_is_renamed(accounts, username):
    assert granted(username) == EXPECTED[username]
    for name in roles.FIXED_ROLES:
        Group.objects.filter(name=name).update(name=f"{name}（已改名）")
    assert granted(username) == EXPECTED[username]


def test_an_inactive_administrator_holds_no_right(accounts):
    get_user_model().objects.filter(username="province_admin").update(is_active=False)
    assert granted("province_admin") == set()
