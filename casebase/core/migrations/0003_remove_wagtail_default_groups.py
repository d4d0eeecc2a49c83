"""Wagtail's initial data creates the groups Editors and Moderators, which hold add, edit and
publish rights on the root page and every collection. Casebase's roles are its own
(casebase/review/roles.py): a user put into one of these by mistake could publish any case
without review, so they go."""
from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def remove_default_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_chinese_default_workflow_names"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    # Nothing to restore: Casebase never gives anyone these groups.
    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
