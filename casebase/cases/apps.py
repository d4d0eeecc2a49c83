from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "casebase.cases"
    label = "cases"
    verbose_name = "典型案例"

    def ready(self):
        from casebase.core.task_recovery import task_abandoned

        from .bulk_tasks import on_task_abandoned

        task_abandoned.connect(on_task_abandoned, dispatch_uid="cases_bulk_task_abandoned")
