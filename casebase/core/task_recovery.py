"""Recovery of background tasks whose worker died.

django-tasks-db marks a task RUNNING when a worker claims it, and only that worker ever moves it
on. A worker killed mid-task (SIGKILL, out of memory, a host reboot) leaves it RUNNING forever.
Casebase's workers name themselves `<host>:<pid>:<random>` (`casebase.core` overrides the
`db_worker` command), so a sweep can tell for sure that a task's worker on this host is gone;
a task of a worker elsewhere counts as abandoned once it has run longer than
`CASEBASE_TASK_ABANDONED_AFTER` seconds. An abandoned task is queued again, up to
`CASEBASE_TASK_MAX_ATTEMPTS` attempts (a task that kills its worker every time must not loop
for ever), then marked failed. `task_abandoned` tells the task's owner, which updates what the
user sees (e.g. a compilation's progress).
"""
import datetime
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Sent with `task_result` (the DBTaskResult, already saved) and `requeued` (False: marked failed).
task_abandoned = Signal()

WORKER_LOST = "casebase.core.task_recovery.WorkerLost"


def new_worker_id() -> str:
    """A worker id that names the process running it (django-tasks-db allows 64 characters)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _local_pid(worker_id: str) -> int | None:
    """The process id of a worker of this host, None for a worker elsewhere or of unknown kind."""
    host, _, rest = worker_id.partition(":")
    pid = rest.partition(":")[0]
    return int(pid) if host == socket.gethostname()[:40] and pid.isdigit() else None


def is_abandoned(result: DBTaskResult, now: datetime.datetime) -> bool:
    pid = _local_pid(result.worker_ids[-1]) if result.worker_ids else None
    if pid is not None:
        return not _process_exists(pid)
    limit = datetime.timedelta(seconds=settings.CASEBASE_TASK_ABANDONED_AFTER)
    return result.started_at is None or result.started_at < now - limit


def _release(result: DBTaskResult, now: datetime.datetime) -> bool:
    """Queues `result` again, or marks it failed after its last attempt. True when queued."""
    if len(result.worker_ids) < settings.CASEBASE_TASK_MAX_ATTEMPTS:
        result.status, result.run_after, result.started_at = TaskResultStatus.READY, now, None
        result.save(update_fields=["status", "run_after", "started_at"])
        return True
    result.status, result.finished_at = TaskResultStatus.FAILED, now
    result.exception_class_path = WORKER_LOST
    result.traceback = f"The worker {result.worker_ids[-1]} stopped while running this task."
    result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
    return False


def recover_abandoned_tasks() -> list[DBTaskResult]:
    """Queues again (or fails) every RUNNING task whose worker is gone; returns them."""
    now = timezone.now()
    recovered = []
    for candidate in DBTaskResult.objects.running():
        if not is_abandoned(candidate, now):
            continue
        with transaction.atomic():
            # Another sweep may have released it meanwhile.
            result = DBTaskResult.objects.running().select_for_update().filter(pk=candidate.pk).first()
            if result is None:
                continue
            requeued = _release(result, now)
        logger.warning(
            "Task %s (%s) was abandoned by worker %s: %s", result.pk, result.task_path,
            result.worker_ids[-1] if result.worker_ids else "?", "queued again" if requeued else "marked failed",
        )
        task_abandoned.send(sender=DBTaskResult, task_result=result, requeued=requeued)
        recovered.append(result)
    return recovered
