"""Web workers keep no state of their own: two gunicorn processes, no sticky session, and a
review begun on one (sign in, open the case) is finished on the other (approve).

Both processes share what docs/deployment.md says must be shared: the database (sessions live
there), SECRET_KEY and the search index. The database is the suite's own, committed
(transactional test): PostgreSQL's test database as is, or for SQLite (in memory, private to
this process) a file copy of it made with SQLite's backup API.
"""
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.urls import reverse
from wagtail.models import TaskState

from casebase.cases.demo_accounts import DEMO_PASSWORD
from tests.editor import current_task_state, edit
from tests.factories import create_case

REPO = Path(__file__).resolve().parents[2]
SHARED_SECRET_KEY = "casebase-test-shared-between-workers"
TIMEOUT = 60  # seconds a request may take on a busy machine
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _shared_database_url(tmp_path: Path) -> tuple[str, Path | None]:
    """A DATABASE_URL other processes can open onto the suite's (committed) data, and the SQLite
    file when it is one."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "shared.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}", copy
    if connection.vendor == "postgresql":
        user, password, host = (quote(str(db[key] or ""), safe="") for key in ("USER", "PASSWORD", "HOST"))
        return f"postgres://{user}:{password}@{host or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}", None
    pytest.fail(f"no way to share a {connection.vendor} test database with gunicorn")


def _task_status(task_state_id: int, sqlite_file: Path | None) -> str:
    """The review task's status as the workers left it in the shared database."""
    if sqlite_file is None:
        return TaskState.objects.get(pk=task_state_id).status
    with sqlite3.connect(sqlite_file) as db:
        return db.execute("SELECT status FROM wagtailcore_taskstate WHERE id = ?", [task_state_id]).fetchone()[0]


@pytest.fixture
def two_workers(tmp_path):
    """start(database_url) → the base URLs of two gunicorn processes serving that database."""
    processes = []

    def start(database_url: str) -> list[str]:
        env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SHARED_SECRET_KEY,
               "DJANGO_SETTINGS_MODULE": "casebase.settings.test",
               "SEARCH_INDEX_PREFIX": settings.SEARCH_INDEX_PREFIX}
        urls = []
        for _ in range(2):
            port = _free_port()
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "casebase.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / f"gunicorn-{port}.log").open("w"),
            ))
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            _wait_until_serving(url, tmp_path)
        return urls

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def _wait_until_serving(url: str, logs: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:  # the first request loads the URLconf and templates: slow on a busy machine
            if requests.get(f"{url}/admin/login/", timeout=TIMEOUT).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    pytest.fail(f"gunicorn at {url} did not serve: {''.join(p.read_text()[-2000:] for p in logs.glob('gunicorn-*.log'))}")


def _csrf_token(response: requests.Response) -> str:
    assert response.status_code == 200, response.text[:500]
    return CSRF_INPUT.search(response.text).group(1)


def test_a_review_begun_on_one_worker_is_finished_on_another(
    transactional_db, reference_data, accounts, login, search_index, two_workers, tmp_path
):
    draft = create_case(ref="T-WORKERS-1", publish=False, user=accounts["city_hangzhou"])
    assert edit(login("city_hangzhou"), draft).status_code == 302  # submitted: 业务审核 waits
    task_state = current_task_state(draft)
    database_url, sqlite_file = _shared_database_url(tmp_path)
    first, second = two_workers(database_url)

    browser = requests.Session()  # one cookie jar, sent to whichever worker answers
    login_page = browser.get(f"{first}/admin/login/", timeout=TIMEOUT)
    signed_in = browser.post(f"{first}/admin/login/", data={
        "username": "reviewer_business", "password": DEMO_PASSWORD,
        "csrfmiddlewaretoken": _csrf_token(login_page), "next": "/admin/",
    }, allow_redirects=False, timeout=TIMEOUT)
    assert signed_in.status_code == 302, signed_in.text[:500]
    editor = browser.get(first + reverse("wagtailadmin_pages:edit", args=[draft.pk]), timeout=TIMEOUT)
    assert draft.title in editor.text

    action = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    approved = browser.post(second + action, data={"comment": "", "csrfmiddlewaretoken": _csrf_token(editor)},
                            headers={"X-Requested-With": "XMLHttpRequest"}, allow_redirects=False, timeout=TIMEOUT)

    assert approved.status_code == 200 and approved.json()["step"] == "success", approved.text[:500]
    assert _task_status(task_state.pk, sqlite_file) == "approved"
