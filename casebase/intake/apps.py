from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "casebase.intake"
    label = "intake"
    verbose_name = "文书导入"
