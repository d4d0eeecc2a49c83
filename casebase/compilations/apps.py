from django.apps import AppConfig


class CompilationsConfig(AppConfig):
    name = "casebase.compilations"
    label = "compilations"
    verbose_name = "汇编与公示"
