"""Search latency at scale: a synthetic corpus, bulk indexing, and a mixed workload against the API.

    .venv/bin/python benchmarks/search_latency.py [--cases 100000] [--requests 400] [--concurrency 1 16]

1. Builds the index documents of the published demo cases (the real `case_document`), then
   generates `--cases` synthetic cases from them: each takes its facts, handling and
   significance sections from three demo cases of the same violation type, and gets a random
   region, decision date, fine and commendation drawn from the demo corpus's values.
2. Bulk-indexes them into a separate index under its own prefix (`casebase-bench-<pid>`),
   refresh off, and prints cases per second. The documents are ready-made, so this is
   Elasticsearch's indexing rate; `rebuild_search_index` also builds each document from the
   database (it prints its own rate).
3. Serves the API with gunicorn on loopback (same prefix) and runs a mixed workload — free
   text, facet selections, citation lookups, deep pages — at each concurrency, printing
   p50/p95/p99 latency and requests per second, then the node's heap, the index size and how
   often the shard request cache answered the counts half of a search (`--no-request-cache`
   turns it off, for the figures of a workload that never repeats itself).
4. Stops the server and deletes the index, whatever happens, unless `--keep-index`. With
   `BENCH_INDEX_PREFIX=name` and `--keep-index`, a later run with the same prefix and `--cases`
   reuses the index instead of building it again (its mapping is updated in place), so a change to
   the queries can be measured before and after on the same million cases.
"""
import argparse
import itertools
import os
import random
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# BENCH_INDEX_PREFIX with --keep-index lets later runs reuse an index (a million cases take long to build).
PREFIX = os.environ.get("BENCH_INDEX_PREFIX", f"casebase-bench-{os.getpid()}")
os.environ["SEARCH_INDEX_PREFIX"] = PREFIX
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebase.settings.dev")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from elasticsearch.helpers import parallel_bulk  # noqa: E402

from search import indexing  # noqa: E402
from search.client import get_client  # noqa: E402
from search.documents import MAPPING, SECTION_FIELDS, alias_name, case_document  # noqa: E402

FREE_TEXT = ["私设暗管", "VOCs无组织排放", "未批先建", "危险废物 贮存", "超标排放 废水", "篡改自动监测数据", "扬尘",
             "拒绝检查", "无证排污", "首违不罚", "按日连续处罚", "噪声 夜间", "电镀废水", "入海排污口", "行政拘留",
             "\"露天堆放\"", "环评", "土壤污染状况调查", "二氧化硫", "医疗废物"]
CITATIONS = ["大气法第四十五条", "水污染防治法第三十九条", "环评法25条", "《固体废物污染环境防治法》第八十条",
             "排污许可管理条例第十七条", "大气法第一百零八条"]


def template_documents() -> list[dict]:
    return [case_document(case) for case in indexing.searchable_cases()]


def synthetic_documents(templates: list[dict], count: int, rng: random.Random):
    """`count` documents mixed from `templates` (see the module docstring)."""
    by_type: dict[str, list[dict]] = {}
    for doc in templates:
        for violation_type in doc["violation_type"] or ["其他"]:
            by_type.setdefault(violation_type, []).append(doc)
    regions = sorted({(d["province"], d["city"], d["county"]) for d in templates}, key=str)
    for i in range(count):
        base = rng.choice(templates)
        donors = by_type[rng.choice(base["violation_type"] or ["其他"])]
        doc = dict(base)
        for name, donor in zip(SECTION_FIELDS, (rng.choice(donors), base, rng.choice(donors))):
            doc[name], doc[f"{name}_seg"] = donor[name], donor[f"{name}_seg"]
        doc["province"], doc["city"], doc["county"] = rng.choice(regions)
        year = rng.randint(2015, 2025)
        doc.update(page_id=i + 1, ref=f"BENCH-{i + 1:07d}", url=f"/cases/bench/{i + 1}/", year=year,
                   decision_date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   fine=round(base["fine"] * rng.uniform(0.3, 3), -2) if base["fine"] else None,
                   commended=rng.random() < 0.05, provincial=rng.random() < 0.1)
        doc["suggest"] = {"input": [doc["title"], doc["ref"]]}
        yield doc


def bulk_load(docs, count: int, request_cache: bool) -> float:
    """Indexes `docs` behind the alias; returns cases per second."""
    client = get_client().options(request_timeout=120)
    name = indexing.create_index()
    client.indices.put_settings(index=name, settings={"refresh_interval": "-1", "requests.cache.enable": request_cache})
    started = time.monotonic()
    actions = ({"_index": name, "_id": str(d["page_id"]), "_source": d} for d in docs)
    for n, (ok, result) in enumerate(parallel_bulk(client, actions, chunk_size=1000, thread_count=2), start=1):
        if not ok:
            raise RuntimeError(result)
        if n % 20000 == 0:
            print(f"  {n} / {count}", flush=True)
    client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=name)
    seconds = time.monotonic() - started
    # Measure a settled index, as one that serves searches: merged and committed to disk.
    # Merging a million cases takes many minutes.
    client.options(request_timeout=3600).indices.forcemerge(index=name, max_num_segments=5)
    client.indices.flush(index=name)
    client.indices.put_alias(index=name, name=alias_name())
    return count / seconds


def reusable_index(count: int) -> bool:
    """Whether a kept index of `count` cases is behind the alias; its mapping is brought up to date."""
    index = indexing.current_index()
    if index is None or get_client().count(index=index)["count"] != count:
        return False
    get_client().indices.put_mapping(index=index, properties=MAPPING["properties"])
    return True


def workload(rng: random.Random, count: int, pages: int) -> list[tuple[str, str]]:
    """A mixed list of (kind, API query string)."""
    types = ["大气污染", "水污染", "危险废物", "排污许可", "环境影响评价"]
    provinces = ["浙江省", "云南省", "广东省", "江苏省"]
    kinds = itertools.cycle(["text", "text", "facets", "citation", "deep", "text_facets"])
    queries = []
    for kind in itertools.islice(kinds, count):
        params = {"q": rng.choice(FREE_TEXT)} if kind.startswith("text") else {}
        if kind in ("facets", "text_facets"):
            params.update(violation_type=rng.sample(types, 2), province=rng.choice(provinces), sort=rng.choice(["relevance", "-date", "-fine"]))
        if kind == "citation":
            params["q"] = rng.choice(CITATIONS)
        if kind == "deep":
            params.update(page=rng.randint(50, pages), sort="-date", industry="C")
        queries.append((kind, urllib.parse.urlencode(params, doseq=True)))
    return queries


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "benchmark-only", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "casebase.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/search/?page_size=1", timeout=5)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("the API server did not start")


def run(base_url: str, queries: list[tuple[str, str]], concurrency: int) -> tuple[dict[str, list[float]], float, int]:
    """Latencies in ms by kind of query, requests per second and errors."""
    def fetch(query: str) -> float | None:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(f"{base_url}/api/v1/search/?{query}", timeout=30) as response:
                response.read()
        except OSError:
            return None
        return (time.perf_counter() - started) * 1000

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(fetch, [query for _, query in queries]))
    elapsed = time.monotonic() - started
    latencies: dict[str, list[float]] = {}
    for (kind, _), result in zip(queries, results):
        if result is not None:
            latencies.setdefault(kind, []).append(result)
    return latencies, len(queries) / elapsed, results.count(None)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per concurrency level")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep-index", action="store_true", help="keep the index for a later run (see BENCH_INDEX_PREFIX)")
    parser.add_argument("--no-request-cache", dest="request_cache", action="store_false",
                        help="answer every facet count afresh")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    server = None
    try:
        if reusable_index(args.cases):
            print(f"reusing {indexing.current_index()} ({args.cases} cases)")
            get_client().indices.put_settings(index=alias_name(), settings={"requests.cache.enable": args.request_cache})
        else:
            templates = template_documents()
            print(f"{len(templates)} demo cases as templates; generating and indexing {args.cases} cases into {PREFIX}-*")
            rate = bulk_load(synthetic_documents(templates, args.cases, rng), args.cases, args.request_cache)
            print(f"bulk indexing (ready-made documents): {rate:.0f} cases/s")
        port = free_port()
        server = start_server(port, args.workers)
        # Its own generator: a run that reuses the index replays the same queries as the one that built it.
        queries = workload(random.Random(args.seed), args.requests, pages=min(400, args.cases // 20))
        run(f"http://127.0.0.1:{port}", queries[:60], 4)  # warm-up
        for concurrency in args.concurrency:
            # Each level replays the same queries: it starts without the counts cached by the last.
            get_client().indices.clear_cache(index=alias_name(), request=True)
            by_kind, throughput, errors = run(f"http://127.0.0.1:{port}", queries, concurrency)
            latencies = [ms for values in by_kind.values() for ms in values]
            print(f"concurrency {concurrency:>2}: p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
                  f"p99 {percentile(latencies, 99):.1f} ms, {throughput:.0f} req/s, {errors} errors")
            print("    p50 / p95 by kind: " + ", ".join(
                f"{kind} {percentile(values, 50):.0f} / {percentile(values, 95):.0f} ms" for kind, values in sorted(by_kind.items())))
        client = get_client()
        jvm = next(iter(client.nodes.stats(metric="jvm")["nodes"].values()))["jvm"]["mem"]
        stats = client.indices.stats(index=alias_name(), metric=["store", "request_cache"])["_all"]["primaries"]
        cache = stats["request_cache"]
        print(f"Elasticsearch heap: {jvm['heap_used_in_bytes'] / 2**20:.0f} MB used of {jvm['heap_max_in_bytes'] / 2**20:.0f} MB; "
              f"index size: {stats['store']['size_in_bytes'] / 2**20:.0f} MB; request cache (facet counts): "
              f"{cache['hit_count']} hits, {cache['miss_count']} misses")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep_index:
            indexing.delete_all_indices()


if __name__ == "__main__":
    main()
