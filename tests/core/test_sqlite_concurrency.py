"""The zero-setup SQLite database serves concurrent writers (web server, task worker, imports).

Several processes run read-then-write transactions on one SQLite file configured by
`casebase.settings.databases`, the settings code the project uses. This does not touch the
suite's own database, so it runs whatever database the suite runs on (PostgreSQL in CI).
"""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

WRITERS = 4
TRANSACTIONS = 25

# Each writer reads the highest number and inserts the next one in one transaction, pausing
# in between as a request that renders a form does: the pattern of an edit saved while the
# worker writes. A lost update breaks the UNIQUE constraint; a lock fails the transaction.
WRITER = """
import sys, time
import django
from django.conf import settings
from casebase.settings.databases import database_config

config = database_config("sqlite://:memory:")
if sys.argv[2] == "plain":
    config["OPTIONS"] = {}
settings.configure(DATABASES={"default": config}, USE_TZ=True)
django.setup()
from django.db import connection, transaction

for _ in range(int(sys.argv[3])):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(n), 0) FROM counter")
            n = cursor.fetchone()[0]
            time.sleep(0.01)
            cursor.execute("INSERT INTO counter (n, writer) VALUES (%s, %s)", [n + 1, sys.argv[1]])
"""


def run_writers(path: Path, options: str) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    repo = Path(__file__).resolve().parents[2]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(w), options, str(TRANSACTIONS)],
            cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for w in range(WRITERS)
    ]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=180), *p.communicate()) for p in processes]


def new_database(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE counter (n INTEGER NOT NULL UNIQUE, writer TEXT NOT NULL)")
    return path


def test_concurrent_writers_on_the_default_sqlite_database_neither_lock_nor_lose_writes(tmp_path):
    path = new_database(tmp_path / "quickstart.sqlite3")
    results = run_writers(path, "project")
    assert [r.returncode for r in results] == [0] * WRITERS, [r.stderr[-600:] for r in results]
    with sqlite3.connect(path) as db:
        numbers = [n for (n,) in db.execute("SELECT n FROM counter ORDER BY n")]
        journal_mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert numbers == list(range(1, WRITERS * TRANSACTIONS + 1))
    assert journal_mode == "wal"


def test_the_same_writers_without_the_sqlite_options_fail(tmp_path):
    """What the quick start did before: the workload above is a real test of the options."""
    results = run_writers(new_database(tmp_path / "plain.sqlite3"), "plain")
    errors = "".join(r.stderr for r in results)
    assert any(r.returncode for r in results)
    assert "database is locked" in errors or "UNIQUE constraint failed" in errors
