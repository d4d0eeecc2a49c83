"""Public pages under load: this tree against a previous commit, in the same run.

    .venv/bin/python benchmarks/page_load.py [--baseline HEAD~1] [--requests 300] [--clients 1 50]

1. Prepares a SQLite file with the demo data (`--db`, default var/page_load.sqlite3): migrate,
   load_reference_data, setup_site and load_demo_data the first time (a few minutes), then
   only migrate; rebuilds the demo cases' index under its own prefix (`casebase-pageload`).
   The same as by hand:
       export DATABASE_URL=sqlite:///$PWD/var/page_load.sqlite3 SEARCH_INDEX_PREFIX=casebase-pageload
       .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_reference_data && \\
       .venv/bin/python manage.py setup_site && .venv/bin/python manage.py load_demo_data && \\
       .venv/bin/python manage.py rebuild_search_index
2. Checks `--baseline` out in a temporary `git worktree` (removed afterwards), and serves both
   trees with gunicorn (3 sync workers, as in issue 15's table) on two ports (8150, 8151),
   against the same database and index, with the development settings and DEBUG off (the
   production settings want collected static files and HTTPS).
3. For each of the home, case, city, guide and search pages, at each number of concurrent
   clients (1 and 50): a warm-up visit of every URL, then `--requests` requests (a tenth of
   them with one client) spread over several cases and queries, each on a new connection
   (sync workers close every connection). Prints req/s, p50/p95/p99 latency and errors, the
   ratio of this tree's throughput to the baseline's, and each server's worker RSS.

Anonymous visitors only, so this tree answers most requests from its page cache
(docs/caching.md): the figures are those of a site whose readers do not sign in. The load
generator (asyncio, one thread), both servers and Elasticsearch share the machine's cores;
on a shared machine, run it twice and read the figures as a range.
"""
import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
INDEX_PREFIX = "casebase-pageload"
SEARCHES = ["废气", "危险废物", "超标排放", "未批先建", "自动监测", "扬尘", "私设暗管", "噪声"]


def environment(db: Path) -> dict:
    return {
        **os.environ, "DJANGO_SETTINGS_MODULE": "casebase.settings.dev", "SECRET_KEY": "benchmark-only", "LOG_LEVEL": "WARNING", "DATABASE_URL": f"sqlite:///{db}",
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX, "CASEBASE_SHARED_DIR": str(ROOT.parent / "shared"),
        "MEDIA_ROOT": str(ROOT / "media"),
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare_database(db: Path, env: dict) -> None:
    fresh = not db.exists()
    db.parent.mkdir(parents=True, exist_ok=True)
    steps = [["migrate", "--noinput"]]
    if fresh:
        print(f"preparing {db} with the demo data (a few minutes, once)", flush=True)
        steps += [["load_reference_data"], ["setup_site"], ["load_demo_data"]]
    try:
        for step in steps + [["rebuild_search_index"]]:
            manage(env, *step)
    except SystemExit:
        if fresh:  # a half-prepared database would be taken for a ready one next time
            db.unlink(missing_ok=True)
        raise


def public_urls(env: dict) -> dict[str, list[str]]:
    """The URLs of each page kind, read from the prepared database by a child process."""
    script = """
import json, django
django.setup()
from casebase.cases.models import CasePage, CityIndexPage
from casebase.guides.models import IndustryGuidePage
cases = CasePage.objects.published().order_by("-decision_date")
print(json.dumps({
    "home": ["/"],
    "case": [c.url for c in cases[:20]],
    "city": [c.url for c in CityIndexPage.objects.live().order_by("division__code")[:3]],
    "guide": [g.url for g in IndustryGuidePage.objects.live().order_by("title")[:3]],
}))
"""
    import json

    result = subprocess.run([str(PYTHON), "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    urls = json.loads(result.stdout.strip().splitlines()[-1])
    urls["search"] = [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in SEARCHES]
    return urls


class Server:
    """gunicorn serving `tree` on `port`: 3 sync workers (issue 15's measurement)."""

    def __init__(self, name: str, tree: Path, port: int, env: dict, workers: int):
        self.name, self.port = name, port
        self.process = subprocess.Popen(
            [str(PYTHON.parent / "gunicorn"), "casebase.wsgi", "--chdir", str(tree), "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--worker-class", "sync", "--timeout", "120", "--log-level", "warning"],
            cwd=tree, env={**env, "DEBUG": "false"},
        )
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{name}: gunicorn did not start on port {port}")

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class Result:
    latencies_ms: list[float]
    errors: int
    seconds: float

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def percentile(self, p: float) -> float:
        values = sorted(self.latencies_ms) or [float("nan")]
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def fetch(port: int, path: str) -> float | None:
    """One GET on a new connection; its latency in ms, or None when it failed or was not 200."""
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        response = await asyncio.wait_for(reader.read(), timeout=120)
        writer.close()
    except (OSError, asyncio.TimeoutError):
        return None
    if not response.startswith(b"HTTP/1.1 200"):
        return None
    return (time.perf_counter() - started) * 1000


async def load(port: int, paths: list[str], clients: int) -> Result:
    queue = list(reversed(paths))
    latencies, errors = [], 0

    async def client():
        nonlocal errors
        while queue:
            latency = await fetch(port, queue.pop())
            if latency is None:
                errors += 1
            else:
                latencies.append(latency)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Result(latencies, errors, time.perf_counter() - started)


def measure(server: Server, urls: dict[str, list[str]], clients_levels: list[int], requests: int) -> dict:
    results = {}
    for kind, paths in urls.items():
        asyncio.run(load(server.port, [quoted(p) for p in paths], 4))  # warm-up: every URL once
        for clients in clients_levels:
            count = requests if clients > 1 else max(len(paths), requests // 10)
            sequence = [quoted(paths[i % len(paths)]) for i in range(count)]
            results[kind, clients] = asyncio.run(load(server.port, sequence, clients))
    return results


def quoted(path: str) -> str:
    return urllib.parse.quote(path, safe="/?=&%")


def add_worktree(revision: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix="casebase-page-load-"))
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(path), revision], cwd=ROOT, check=True)
    return path


def remove_worktree(path: Path) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False)


def delete_index(env: dict) -> None:
    subprocess.run([str(PYTHON), "-c", "import django; django.setup(); from search import indexing; indexing.delete_all_indices()"],
                   cwd=ROOT, env=env, check=False)


def report(servers: list[Server], results: dict, rss: dict) -> None:
    print(f"\n{'page':<7}{'clients':>8}  {'server':<10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind, clients in results[servers[0].name]:
        for server in servers:
            r = results[server.name][kind, clients]
            print(f"{kind:<7}{clients:>8}  {server.name:<10}{r.throughput:>8.1f}{r.percentile(50):>9.0f}"
                  f"{r.percentile(95):>9.0f}{r.percentile(99):>9.0f}{r.errors:>8}")
        if len(servers) == 2:
            now, before = (results[s.name][kind, clients] for s in servers)
            print(f"{'':<17}throughput ×{now.throughput / before.throughput:.1f}, "
                  f"p95 {before.percentile(95):.0f} → {now.percentile(95):.0f} ms")
    for server in servers:
        print(f"worker RSS, {server.name}: " + ", ".join(f"{mb:.0f} MB" for mb in rss[server.name]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="HEAD~1", help="the commit to compare with (none: this tree only)")
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "page_load.sqlite3")
    parser.add_argument("--requests", type=int, default=300, help="requests per page at each level above one client")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8150, help="this tree's port; the baseline's is the next one")
    args = parser.parse_args()
    env = environment(args.db.resolve())
    prepare_database(args.db.resolve(), env)
    urls = public_urls(env)
    print("pages: " + ", ".join(f"{kind} ({len(paths)} URLs)" for kind, paths in urls.items()), flush=True)
    baseline_tree = None
    results, rss = {}, {}
    try:
        trees = [("this tree", ROOT)]
        if args.baseline != "none":
            revision = subprocess.run(["git", "rev-parse", "--short", args.baseline], cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout.strip()
            baseline_tree = add_worktree(revision)
            trees.append((revision, baseline_tree))
        servers = []
        for offset, (name, tree) in enumerate(trees):
            # One server at a time: the other would take its share of the cores while idle.
            server = Server(name, tree, args.port + offset, env, args.workers)
            try:
                print(f"measuring {name} on port {server.port}", flush=True)
                results[name] = measure(server, urls, args.clients, args.requests)
                rss[name] = server.worker_rss_mb()
            finally:
                server.stop()
            servers.append(server)
        report(servers, results, rss)
    finally:
        if baseline_tree is not None:
            remove_worktree(baseline_tree)
        delete_index(env)


if __name__ == "__main__":
    main()
