"""Legal reviewers review every change request first: they may list and read them (the menu
entry 更正撤除申请); editing one stays limited to the step they review (the workflow lock)."""
from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    change_type, _ = ContentType.objects.get_or_create(app_label="review", model="casechangerequest")
    permission, _ = Permission.objects.get_or_create(
        content_type=change_type, codename="view_casechangerequest",
        defaults={"name": "Can view case change request"},
    )
    apps.get_model("auth", "Group").objects.get(name="法制审核员").permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="review", codename="view_casechangerequest").first()
    if permission is not None:
        apps.get_model("auth", "Group").objects.get(name="法制审核员").permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [("review", "0003_workflows")]
    operations = [migrations.RunPython(grant, revoke)]
