"""A task whose worker died is queued again (or failed after its attempts), and the compilation
list says so. The worker is a real `manage.py db_worker` process killed with SIGKILL mid-task."""
import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from casebase.compilations.models import Compilation
from casebase.compilations.recovery import BUILD_TASK_PATH, INTERRUPTED_NOTE, REQUEUED_NOTE
from casebase.core.task_recovery import WORKER_LOST, new_worker_id, recover_abandoned_tasks

REPO = Path(__file__).resolve().parents[2]
LIST_URL = "wagtailsnippets_compilations_compilation:list"


class WorkerDatabase:
    """The test's database as a worker process sees it: on SQLite, a file copy of the in-memory
    test database (read back with sqlite3); otherwise the test database itself."""

    def __init__(self, tmp_path: Path):
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.file = tmp_path / "worker.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)
            self.url = f"sqlite:///{self.file}"
        else:
            self.file = None
            self.url = (f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or 'localhost'}:"
                        f"{settings['PORT'] or 5432}/{settings['NAME']}")
        self.env = {**os.environ, "DATABASE_URL": self.url, "DJANGO_SETTINGS_MODULE": "casebase.settings.dev",
                    "MEDIA_ROOT": str(tmp_path / "media")}

    def value(self, sql: str):
        if self.file:
            with sqlite3.connect(self.file) as db:
                row = db.execute(sql).fetchone()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                row = cursor.fetchone()
        return row[0] if row else None

    def manage(self, *args: str, **kwargs) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "manage.py", *args], cwd=REPO, env=self.env, **kwargs)

    def run(self, *args: str) -> str:
        process = self.manage(*args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = process.communicate(timeout=300)[0]
        assert process.returncode == 0, output
        return output


TASKS = DBTaskResult._meta.db_table
COMPILATIONS = Compilation._meta.db_table


def enqueue(task_path: str, *args) -> DBTaskResult:
    """A task as the database backend queues it (the suite itself runs tasks immediately)."""
    return DBTaskResult.objects.create(
        task_path=task_path, args_kwargs={"args": list(args), "kwargs": {}}, backend_name="default",
        queue_name="default", run_after=timezone.now(),
    )


def wait_for(condition, what: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def start_worker_and_kill_it_mid_task(db: WorkerDatabase, task: DBTaskResult, mid_task) -> None:
    worker = db.manage("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: mid_task(), "the worker to be in the middle of the task")
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    assert db.value(f"SELECT status FROM {TASKS} WHERE id = '{task.pk.hex}'") == "RUNNING"


@pytest.mark.django_db(transaction=True)
def test_a_task_of_a_killed_worker_is_picked_up_by_the_next_worker(reference_data, tmp_path):
    marker = tmp_path / "started"
    task = enqueue("tests.compilations.worker_tasks.nap_once", str(marker), 600)
    db = WorkerDatabase(tmp_path)
    start_worker_and_kill_it_mid_task(db, task, marker.exists)

    db.run("db_worker", "--no-reload", "--no-startup-delay", "--batch")  # recovers it when it starts

    assert db.value(f"SELECT status FROM {TASKS} WHERE id = '{task.pk.hex}'") == "SUCCESSFUL"
    assert db.value(f"SELECT return_value FROM {TASKS} WHERE id = '{task.pk.hex}'") == '"woke up"'


@pytest.mark.django_db(transaction=True)
def test_a_compilation_whose_worker_was_killed_is_built_again(reference_data, tmp_path):
    compilation = Compilation.objects.create(year=2024, kind="year", status=Compilation.Status.QUEUED)
    task = enqueue(BUILD_TASK_PATH, compilation.pk)
    db = WorkerDatabase(tmp_path)
    progress = f"SELECT progress FROM {COMPILATIONS} WHERE id = {compilation.pk}"
    start_worker_and_kill_it_mid_task(db, task, lambda: 0 < (db.value(progress) or 0) < 100)

    assert "已处理中断的后台任务 1 个" in db.run("recover_tasks")
    row = f"SELECT status || ' ' || progress_note FROM {COMPILATIONS} WHERE id = {compilation.pk}"
    assert db.value(row) == f"queued {REQUEUED_NOTE}"

    db.run("db_worker", "--no-reload", "--no-startup-delay", "--batch")
    assert db.value(f"SELECT status FROM {COMPILATIONS} WHERE id = {compilation.pk}") == "done"


def running_task(task_path: str, args, worker_ids: list[str], started_minutes_ago: int = 1) -> DBTaskResult:
    task = enqueue(task_path, *args)
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", worker_ids=worker_ids, started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    )
    return DBTaskResult.objects.get(pk=task.pk)


def dead_worker_id() -> str:
    """The id a worker of this host had, whose process has exited."""
    host, _, suffix = new_worker_id().split(":")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return f"{host}:{gone.pid}:{suffix}"


@pytest.mark.django_db
def test_after_its_last_attempt_the_compilation_fails_with_a_retry_button(
    client, province_admin, settings, media_root, django_capture_on_commit_callbacks
):
    settings.CASEBASE_TASK_MAX_ATTEMPTS = 2
    compilation = Compilation.objects.create(year=2024, kind="year", status=Compilation.Status.RUNNING, progress=30)
    task = running_task(BUILD_TASK_PATH, [compilation.pk], [dead_worker_id(), dead_worker_id()])

    client.force_login(province_admin)
    html = client.get(reverse(LIST_URL)).content.decode()  # the list itself notices the dead worker

    task.refresh_from_db()
    compilation.refresh_from_db()
    assert (task.status, task.exception_class_path) == ("FAILED", WORKER_LOST)
    assert (compilation.status, compilation.progress_note) == (Compilation.Status.FAILED, INTERRUPTED_NOTE)
    assert INTERRUPTED_NOTE in html and "重新生成" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("compilations_retry", args=[compilation.pk]))
    assert response.status_code == 302
    compilation.refresh_from_db()
    assert compilation.status == Compilation.Status.DONE  # the suite runs tasks at once
    assert client.get(reverse("compilations_retry", args=[compilation.pk])).status_code == 405


@pytest.mark.django_db
def test_tasks_of_live_or_remote_workers_are_left_alone_until_they_overrun(settings):
    settings.CASEBASE_TASK_ABANDONED_AFTER = 1800
    alive = running_task("tests.compilations.worker_tasks.nap_once", ["x", 1], [new_worker_id()])
    remote = running_task("tests.compilations.worker_tasks.nap_once", ["x", 1], ["elsewhere:12:abc"])
    overrun = running_task("tests.compilations.worker_tasks.nap_once", ["x", 1], ["elsewhere:13:abc"], started_minutes_ago=31)

    assert [t.pk for t in recover_abandoned_tasks()] == [overrun.pk]
    assert DBTaskResult.objects.get(pk=overrun.pk).status == "READY"
    assert {DBTaskResult.objects.get(pk=t.pk).status for t in (alive, remote)} == {"RUNNING"}


@pytest.mark.django_db
def test_submitters_may_not_retry_a_compilation(login):
    compilation = Compilation.objects.create(year=2024, kind="year", status=Compilation.Status.FAILED)
    response = login("city_hangzhou").post(reverse("compilations_retry", args=[compilation.pk]))
    assert (response.status_code, response.get("Location")) == (302, "/admin/")  # Wagtail's answer to a 403
    compilation.refresh_from_db()
    assert compilation.status == Compilation.Status.FAILED
