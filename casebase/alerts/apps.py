from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "casebase.alerts"
    label = "alerts"
    verbose_name = "检索提醒"

    def ready(self):
        from . import signal_handlers  # noqa: F401
