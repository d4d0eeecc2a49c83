"""A task for the worker-recovery tests: its first run sleeps (to be killed), later runs return."""
from pathlib import Path

from django_tasks import task


@task()
def nap_once(marker: str, seconds: float) -> str:
    path = Path(marker)
    if path.exists():
        return "woke up"
    path.write_text("started")
    import time

    time.sleep(seconds)
    return "slept"
