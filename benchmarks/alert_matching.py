"""Matching one new case against 10,000 saved searches (issue 13; goal: under 2 s).

    .venv/bin/python benchmarks/alert_matching.py [--searches 10000] [--cases 5]

1. Sets up a scratch SQLite database (migrations, reference data, site structure) and a case
   index of its own (`SEARCH_INDEX_PREFIX=casebase-bench-alerts-<pid>`) on the real
   Elasticsearch at ELASTICSEARCH_URL, so it touches no other installation's data.
2. Publishes a small corpus through the importer and indexes it; creates `--searches` saved
   searches of 100 officers, mixing free text (words, phrases, citations), facet selections,
   fine ranges and sorts the way the search page builds them.
3. For each of `--cases` newly published cases, times `alerting.match_case` — what the worker
   runs after a publication: loading the saved searches, parsing each one's parameters (cached
   in the long-lived worker after its first match), building each distinct text and selection
   with the search page's query builder, the batched `_msearch` of named clauses, recording the
   matches and enqueuing the e-mails — and prints the figures (and the `_msearch` part).
4. Deletes the index and the database, whatever happens.
"""
import argparse
import itertools
import os
import random
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = Path(tempfile.mkdtemp(prefix="casebase-bench-alerts-"))
os.environ["SEARCH_INDEX_PREFIX"] = f"casebase-bench-alerts-{os.getpid()}"
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "casebase.settings.dev"
os.environ.setdefault("LOG_LEVEL", "WARNING")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

import search.matching  # noqa: E402
from casebase.alerts import alerting  # noqa: E402
from casebase.alerts.models import SavedSearch  # noqa: E402
from search import indexing  # noqa: E402
from nlp import segment  # noqa: E402
from tests.factories import create_case  # noqa: E402

TERMS = ["私设暗管", "VOCs无组织排放", "未批先建", "危险废物 贮存", "超标排放 废水", "篡改自动监测数据", "扬尘", "拒绝检查",
         "无证排污", "按日连续处罚", "噪声 夜间", "电镀废水", "行政拘留", "\"露天堆放\"", "环评", "二氧化硫", "医疗废物",
         "挥发性有机物", "废气 未密闭", "喷涂", "化工", "含铬废水", "逃避监管", "移送公安", "查封扣押", "在线监测",
         "大气法第一百零八条", "水污染防治法第三十九条", "环评法25条", "大气法第四十五条", ""]
TYPES = ["大气污染", "水污染", "危险废物", "排污许可", "环境影响评价", "固体废物", "噪声污染"]
CITIES = ["杭州市", "温州市", "宁波市", "昆明市", "广州市", "南京市"]
INDUSTRIES = ["C", "C26", "C33", "C30", "C19", "D", "E"]
CORPUS = [
    {},  # tests.factories' Hangzhou VOCs case
    dict(title="温州某电镀有限公司私设暗管排放含铬废水案", city="温州市", county="鹿城区", industry="C33",
         violation_types=["水污染"], keywords=["暗管"], fine_yuan=500000,
         basic_facts="执法人员在厂区围墙外发现一根暗管，该公司将含铬废水通过暗管直接排入河道，逃避监管。"),
    dict(title="昆明某建材有限公司露天堆放物料未采取防尘措施案", province="云南省", city="昆明市", county="五华区",
         industry="C30", violation_types=["大气污染"], keywords=["扬尘"], fine_yuan=30000,
         basic_facts="执法人员现场检查发现，该公司砂石物料露天堆放，未采取覆盖等防治扬尘污染的措施。"),
]


def set_up() -> None:
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0, stdout=open(os.devnull, "w"))
    from casebase.core.site import ensure_site_structure

    ensure_site_structure()
    indexing.delete_all_indices()
    for n, fields in enumerate(CORPUS * 4):
        create_case(ref=f"BENCH-A-{n:03d}", **fields)
    indexing.rebuild()
    print(f"set-up (database, reference data, {len(CORPUS) * 4} indexed cases): {time.monotonic() - started:.0f} s")


def saved_queries(rng: random.Random, count: int):
    """`count` search query strings as the search page would send them."""
    for _ in range(count):
        params = {"q": " ".join(rng.sample(TERMS, rng.choice([1, 2])))}  # some 500 distinct texts
        if rng.random() < 0.6:
            params["violation_type"] = rng.sample(TYPES, rng.choice([1, 1, 2]))
        if rng.random() < 0.4:
            params["city"] = rng.choice(CITIES)
        if rng.random() < 0.3:
            params["industry"] = rng.choice(INDUSTRIES)
        if rng.random() < 0.2:
            params["year"] = str(rng.randint(2015, 2025))
        if rng.random() < 0.2:
            params["fine_min"] = str(rng.choice([10000, 50000, 100000]))
        params["sort"] = rng.choice(["relevance", "-date", "-fine"])
        yield urllib.parse.urlencode(params, doseq=True)


def create_searches(count: int, rng: random.Random) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"bench_officer_{n}", email=f"bench{n}@casebase.invalid") for n in range(100)
    )
    officers = itertools.cycle(users)
    SavedSearch.objects.bulk_create(
        (SavedSearch(owner=next(officers), name=f"检索{n}", query=query, frequency=rng.choice(["instant", "daily", "off"]))
         for n, query in enumerate(saved_queries(rng, count))),
        batch_size=2000,
    )
    distinct = SavedSearch.objects.values("query").distinct().count()
    print(f"saved searches: {count} of 100 officers ({distinct} distinct queries)")


def timed_msearch():
    """Wraps search.matching._run to add up the time spent in _msearch round trips."""
    spent = []
    original = search.matching._run

    def run(queries):
        started = time.monotonic()
        try:
            return original(queries)
        finally:
            spent.append(time.monotonic() - started)
    search.matching._run = run
    return spent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(13)
    try:
        set_up()
        create_searches(args.searches, rng)
        spent = timed_msearch()
        segment("预热")  # the worker loaded jieba's dictionary long ago
        figures = []
        for n in range(args.cases):
            case = create_case(ref=f"BENCH-NEW-{n:03d}", **CORPUS[n % len(CORPUS)])
            indexing.sync_case(case.pk)
            spent.clear()
            started = time.monotonic()
            matched = alerting.match_case(case.pk)
            seconds = time.monotonic() - started
            figures.append(seconds)
            state = "cold: the worker's first match parses every saved query" if n == 0 else "warm"
            print(f"case {case.ref} ({state}): {seconds:.2f} s for {args.searches} saved searches, {matched} matched, "
                  f"_msearch {sum(spent):.2f} s in {len(spent)} round trips")
        warm = sorted(figures[1:]) or figures
        print(f"match one new case against {args.searches} saved searches: cold {figures[0]:.2f} s, warm median "
              f"{warm[len(warm) // 2]:.2f} s, max {max(warm):.2f} s (goal < 2 s); load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
    finally:
        indexing.delete_all_indices()
        for path in SCRATCH.iterdir():
            path.unlink()
        SCRATCH.rmdir()


if __name__ == "__main__":
    main()
