"""An officer group (执法人员) for every city that already has its index page; later cities get
theirs with the page (casebase.alerts.signal_handlers). Keep in step with officers.py."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER_GROUP_SUFFIX = "执法人员"
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("alerts", "add_savedsearch"),
    ("alerts", "change_savedsearch"),
    ("alerts", "delete_savedsearch"),
    ("alerts", "view_savedsearch"),
]


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in OFFICER_PERMISSIONS]
    for city in apps.get_model("cases", "CityIndexPage").objects.select_related("division"):
        group, _ = Group.objects.get_or_create(name=f"{city.division.name}{OFFICER_GROUP_SUFFIX}")
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__endswith=OFFICER_GROUP_SUFFIX, permissions__codename="add_savedsearch",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_saved_searches"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("taxonomy", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
