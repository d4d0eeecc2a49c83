from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "casesearch"
    verbose_name = "案例检索"

    def ready(self):
        from . import signal_handlers  # noqa: F401
