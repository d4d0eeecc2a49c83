from django.apps import AppConfig


class CompilationsConfig(AppConfig):
    name = "casebase.compilations"
    label = "compilations"
    verbose_name = "汇编与公示"

    def ready(self):
        from casebase.core.task_recovery import task_abandoned

        from .recovery import on_task_abandoned

        task_abandoned.connect(on_task_abandoned, dispatch_uid="compilations_task_abandoned")
