"""The officer role (执法人员): one group per city, created with the city's index page like the
submitters' group. Officers sign in, search published cases, keep saved searches and read
their notices; they hold no page permission and belong to no review step, so they can neither
edit nor review."""
from django.contrib.auth.models import Group, Permission

OFFICER_GROUP_SUFFIX = "执法人员"
# Model permissions that make a user an officer (`is_officer`).
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),  # the dashboard with the notices
    ("alerts", "add_savedsearch"),
    ("alerts", "change_savedsearch"),
    ("alerts", "delete_savedsearch"),
    ("alerts", "view_savedsearch"),
]


def officer_group_name(division_name: str) -> str:
    return f"{division_name}{OFFICER_GROUP_SUFFIX}"


def ensure_officer_group(city_index) -> Group:
    group, _ = Group.objects.get_or_create(name=officer_group_name(city_index.division.name))
    for app_label, codename in OFFICER_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def officer_groups():
    """Every city's officer group."""
    return Group.objects.filter(name__endswith=OFFICER_GROUP_SUFFIX, permissions__codename="add_savedsearch").distinct()


def is_officer(user) -> bool:
    """Who may keep saved searches and receive alerts."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm("alerts.add_savedsearch"))
