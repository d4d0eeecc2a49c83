"""django-tasks-db's worker, which recovers the tasks of dead workers (casebase.core.task_recovery):
when it starts, then every CASEBASE_TASK_RECOVERY_INTERVAL seconds. Overrides `db_worker`
because `casebase.core` comes before `django_tasks_db` in INSTALLED_APPS."""
import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from casebase.core.task_recovery import new_worker_id, recover_abandoned_tasks

logger = logging.getLogger(__name__)


def _recover_periodically(stop: threading.Event) -> None:
    while not stop.wait(settings.CASEBASE_TASK_RECOVERY_INTERVAL):
        try:
            close_old_connections()
            recover_abandoned_tasks()
        except Exception:  # the sweep must never stop the worker; the next one tries again
            logger.exception("Recovering abandoned tasks failed")
        finally:
            connection.close()


class RecoveringWorker(db_worker.Worker):
    def run(self) -> None:
        # Named here, in the process that runs the tasks (with --reload, a child process).
        self.worker_id = new_worker_id()
        recover_abandoned_tasks()
        stop = threading.Event()
        threading.Thread(target=_recover_periodically, args=(stop,), daemon=True, name="task-recovery").start()
        try:
            super().run()
        finally:
            stop.set()


class Command(db_worker.Command):
    def handle(self, *args, **options):
        original, db_worker.Worker = db_worker.Worker, RecoveringWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
