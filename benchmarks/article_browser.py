"""Size and render time of the article browser (/search/articles/) against the database that
DATABASE_URL names (load the demo data, and the real cases if wanted, first):

    DATABASE_URL=sqlite:////tmp/casebase.sqlite3 .venv/bin/python benchmarks/article_browser.py [--runs 20]

Renders each view in-process with Django's test client (no network, no web server) and prints
the HTML size, the number of SQL queries, the median / p95 / max time of `--runs` requests
and the median CPU time of this process (the part that does not depend on the machine's load).
The budget: the default view ≤ 100 KB of HTML and ≤ 300 ms.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebase.settings.dev")

VIEWS = [("default", {}), ("filter: 大气法", {"q": "大气法"}), ("filter: 第四十五条", {"q": "第四十五条"}),
         ("filter: 挥发性有机物", {"q": "挥发性有机物"}), ("all articles", {"all": "1"})]
SIZE_BUDGET, TIME_BUDGET_MS = 100 * 1024, 300


def measure(client, params: dict, runs: int) -> tuple[int, int, list[float]]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get("/search/articles/", params)  # warm-up: templates, first queries
    reset_queries()  # each request resets the log; the capture must start from an empty one
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/articles/", params)
    assert response.status_code == 200, response.status_code
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get("/search/articles/", params)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return len(response.content), len(queries), times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    import django

    django.setup()
    from django.test import Client

    from casebase.cases.models import CasePage

    client = Client(SERVER_NAME="127.0.0.1")
    print(f"published cases: {CasePage.objects.published().count()}")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (the times grow with it)")
    print(f"{'view':<24}{'HTML KB':>9}{'queries':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'CPU ms':>9}")
    for label, params in VIEWS:
        size, queries, times, cpu = measure(client, params, args.runs)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        print(f"{label:<24}{size / 1024:>9.1f}{queries:>9}{statistics.median(times):>11.1f}{p95:>9.1f}{max(times):>9.1f}"
              f"{statistics.median(cpu):>9.1f}")
        if label == "default":
            verdict = "within" if size <= SIZE_BUDGET and p95 <= TIME_BUDGET_MS else "OVER"
            print(f"{'':<24}budget ≤ 100 KB, ≤ {TIME_BUDGET_MS} ms (p95): {verdict}")


if __name__ == "__main__":
    main()
