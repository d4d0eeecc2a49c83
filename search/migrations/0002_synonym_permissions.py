"""Provincial administrators maintain the search synonyms."""
from django.db import migrations

CODENAMES = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="casesearch", model="synonymgroup")
    group = Group.objects.filter(name="省级管理员").first()
    if group is None:
        return
    for codename in CODENAMES:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} 检索同义词"},
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("casesearch", "0001_synonym_groups"), ("review", "0001_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
