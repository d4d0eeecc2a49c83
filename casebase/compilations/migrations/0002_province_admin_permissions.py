"""Provincial administrators request compilations and manage disclosure batches."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

PROVINCE_ADMINS = "省级管理员"
MODELS = ["compilation", "disclosurebatch"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("compilations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group, _ = Group.objects.get_or_create(name=PROVINCE_ADMINS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="compilations", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=PROVINCE_ADMINS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="compilations"))


class Migration(migrations.Migration):
    dependencies = [("compilations", "0001_initial"), ("review", "0001_roles")]
    operations = [migrations.RunPython(grant, revoke)]
