from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "casebase.review"
    label = "review"
    verbose_name = "审核发布"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
