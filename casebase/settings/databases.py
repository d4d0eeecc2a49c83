"""The database from DATABASE_URL, with the options SQLite needs to serve several processes."""
import dj_database_url

# SQLite serves the zero-setup quick start, where the web server, the task worker and imports
# write at once. Without these, a writer that finds the database busy fails at once with
# "database is locked": WAL lets readers and one writer work side by side, IMMEDIATE takes the
# write lock when a transaction begins (a deferred transaction that reads, then writes, cannot
# wait for the lock and fails), and the timeout lets a writer wait its turn.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "timeout": 20,
}


def database_config(default_url: str) -> dict:
    """DATABASES["default"]: DATABASE_URL from the environment, or `default_url`."""
    config = dj_database_url.config(default=default_url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config
