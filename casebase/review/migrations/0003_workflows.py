"""Creates the two review workflows and their tasks, so every installation runs the same procedure.

典型案例发布审核: 业务审核 → 法制审核 → 集体审议 (assigned to the case library).
案例更正撤除审核: 法制审核 → 省级管理员批准 (for correction and withdrawal requests).
"""
from django.db import migrations

CASE_WORKFLOW = "典型案例发布审核"
CHANGE_WORKFLOW = "案例更正撤除审核"


def _task(apps, model_name, name, group_name, **extra):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    model = apps.get_model("review", model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label="review", model=model_name.lower())
    task, _ = model.objects.get_or_create(name=name, defaults={"active": True, "content_type": content_type, **extra})
    task.groups.set([Group.objects.get(name=group_name)])
    return task


def _workflow(apps, name, tasks):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


def create_workflows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    case_workflow = _workflow(apps, CASE_WORKFLOW, [
        _task(apps, "ReviewStepTask", "业务审核", "业务审核员"),
        _task(apps, "ReviewStepTask", "法制审核", "法制审核员"),
        _task(apps, "CommitteeTask", "集体审议", "集体审议委员会", quorum_numerator=2, quorum_denominator=3),
    ])
    change_workflow = _workflow(apps, CHANGE_WORKFLOW, [
        _task(apps, "ReviewStepTask", "更正撤除法制审核", "法制审核员"),
        _task(apps, "ReviewStepTask", "省级管理员批准", "省级管理员"),
    ])
    change_type, _ = ContentType.objects.get_or_create(app_label="review", model="casechangerequest")
    apps.get_model("wagtailcore", "WorkflowContentType").objects.get_or_create(
        content_type=change_type, defaults={"workflow": change_workflow}
    )
    # Administrators draft change requests; they never publish one themselves (the workflow does).
    admins = Group.objects.get(name="省级管理员")
    for action in ("add", "change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=change_type, codename=f"{action}_casechangerequest",
            defaults={"name": f"Can {action} case change request"},
        )
        admins.permissions.add(permission)
    library = apps.get_model("cases", "CaseLibraryPage").objects.first()
    if library is not None:
        apps.get_model("wagtailcore", "WorkflowPage").objects.update_or_create(
            page_id=library.pk, defaults={"workflow": case_workflow}
        )


def remove_workflows(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name__in=[CASE_WORKFLOW, CHANGE_WORKFLOW]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_procedure_models"),
        ("cases", "0002_procedure_fields"),
    ]
    operations = [migrations.RunPython(create_workflows, remove_workflows)]
