from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "casebase.cases"
    label = "cases"
    verbose_name = "典型案例"
