"""The demo accounts of CONTRACTS §6 and the roles they hold."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from casebase.alerts.officers import ensure_officer_group
from casebase.review import roles
from casebase.review.signal_handlers import ensure_submitter_group
from casebase.taxonomy.models import Division

from .library import city_index_for

DEMO_PASSWORD = "casebase-demo"

CITY_SUBMITTERS = {
    "city_hangzhou": ("浙江省", "杭州市", "杭州"),
    "city_wenzhou": ("浙江省", "温州市", "温州"),
    "city_kunming": ("云南省", "昆明市", "昆明"),
}
CITY_OFFICERS = {
    "officer_hangzhou": ("浙江省", "杭州市", "杭州"),
}
ROLE_ACCOUNTS = {
    "reviewer_business": (roles.BUSINESS_REVIEWERS, "业务审核"),
    "reviewer_legal": (roles.LEGAL_REVIEWERS, "法制审核"),
    "committee_1": (roles.COMMITTEE, "审议委员一"),
    "committee_2": (roles.COMMITTEE, "审议委员二"),
    "committee_3": (roles.COMMITTEE, "审议委员三"),
    "province_admin": (roles.PROVINCE_ADMINS, "省级管理员"),
}


def _account(username: str, display_name: str, group: Group):
    user, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": display_name, "email": f"{username}@casebase.invalid"},
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.set([group])
    return user


def create_demo_accounts() -> list[str]:
    """Creates (or resets) the demo accounts; returns their usernames."""
    for username, (province, city, short_name) in CITY_SUBMITTERS.items():
        division = Division.objects.get(name=city, parent__name=province)
        group = ensure_submitter_group(city_index_for(division))
        _account(username, f"{short_name}报送员", group)
    for username, (province, city, short_name) in CITY_OFFICERS.items():
        division = Division.objects.get(name=city, parent__name=province)
        _account(username, f"{short_name}执法人员", ensure_officer_group(city_index_for(division)))
    for username, (group_name, display_name) in ROLE_ACCOUNTS.items():
        _account(username, display_name, Group.objects.get(name=group_name))
    return [*CITY_SUBMITTERS, *CITY_OFFICERS, *ROLE_ACCOUNTS]
