"""Two more rights of the provincial administrators, checked by `ReviewPolicy`: managing the
officers' accounts (casebase/alerts) and bulk-importing any city's cases (casebase/cases)."""
from django.db import migrations

GRANTS = {
    "manage_officers": ("可以管理各地市执法人员账号", ["省级管理员"]),
    "import_cases_anywhere": ("可以批量导入任何地市的案例", ["省级管理员"]),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    procedure, _ = ContentType.objects.get_or_create(app_label="review", model="procedure")
    for codename, (name, group_names) in GRANTS.items():
        permission, _ = Permission.objects.get_or_create(content_type=procedure, codename=codename, defaults={"name": name})
        for group in Group.objects.filter(name__in=group_names):
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="review", codename__in=list(GRANTS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0008_procedure_permissions")]
    operations = [
        migrations.AlterModelOptions(
            name="procedure",
            options={"managed": False, "default_permissions": (), "permissions": [
                ("commend_cases", "可以标记优秀典型案例"),
                ("view_tracking", "可以查看季度跟踪、统计和审议纪要"),
                ("search_cases_under_review", "可以检索审核中的案例"),
                ("read_open_minutes", "可以在表决结束前查看审议意见"),
                ("cancel_any_review", "可以取消任何案例的审核"),
                ("manage_officers", "可以管理各地市执法人员账号"),
                ("import_cases_anywhere", "可以批量导入任何地市的案例"),
            ]},
        ),
        migrations.RunPython(grant, revoke),
    ]
