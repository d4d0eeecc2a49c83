from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "casebase.core"
    label = "core"
    verbose_name = "站点"

    def ready(self):
        from . import signal_handlers

        post_migrate.connect(signal_handlers.create_cache_table, sender=self)
