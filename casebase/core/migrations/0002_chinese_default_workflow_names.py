"""Wagtail creates a default workflow and task named "Moderators approval" (its migration 0048,
from the group name "Moderators"). Casebase does not use them, but the admin's workflow reports
list them: they get Chinese names."""
from django.db import migrations

NAMES = {"Moderators approval": "Wagtail 默认审核（未使用）"}


def rename(apps, schema_editor, names=NAMES):
    for model in ("Workflow", "Task"):
        for old, new in names.items():
            apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("wagtailcore", "0048_add_default_workflows")]
    operations = [migrations.RunPython(rename, rename_back)]
