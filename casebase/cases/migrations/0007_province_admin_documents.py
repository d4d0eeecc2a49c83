"""Provincial administrators work with the documents of every city (they correct published
cases): document permissions on the root collection, which every city's collection is under."""
from django.db import migrations

PROVINCE_ADMINS = "省级管理员"
CODENAMES = ["add_document", "change_document", "choose_document"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name=PROVINCE_ADMINS).first()
    root = Collection.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for permission in Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=CODENAMES):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group__name=PROVINCE_ADMINS, collection__depth=1, permission__codename__in=CODENAMES,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_case_slugs_from_refs"),
        ("review", "0001_roles"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
