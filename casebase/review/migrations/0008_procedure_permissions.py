"""The procedure's own permissions (review.Procedure), granted to the fixed roles' groups as
`ReviewPolicy` granted them by group name before. Group names here are the names they had
when this migration was written; after it, a group can be renamed without losing a right."""
from django.db import migrations, models

GRANTS = {
    "commend_cases": ["省级管理员"],
    "view_tracking": ["省级管理员", "业务审核员", "法制审核员", "集体审议委员会"],
    "search_cases_under_review": ["省级管理员", "业务审核员", "法制审核员", "集体审议委员会"],
    "read_open_minutes": ["省级管理员"],
    "cancel_any_review": ["省级管理员"],
}
NAMES = {
    "commend_cases": "可以标记优秀典型案例",
    "view_tracking": "可以查看季度跟踪、统计和审议纪要",
    "search_cases_under_review": "可以检索审核中的案例",
    "read_open_minutes": "可以在表决结束前查看审议意见",
    "cancel_any_review": "可以取消任何案例的审核",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    procedure, _ = ContentType.objects.get_or_create(app_label="review", model="procedure")
    for codename, group_names in GRANTS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=procedure, codename=codename, defaults={"name": NAMES[codename]}
        )
        for group in Group.objects.filter(name__in=group_names):
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="review", content_type__model="procedure"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0007_duplicate_confirmation"), ("contenttypes", "0002_remove_content_type_name")]
    operations = [
        migrations.CreateModel(
            name="Procedure",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))],
            options={"managed": False, "default_permissions": (), "permissions": list(NAMES.items())},
        ),
        migrations.RunPython(grant, revoke),
    ]
