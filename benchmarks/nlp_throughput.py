"""Throughput of nlp.extract compared with plain jieba segmentation.

Usage: .venv/bin/python benchmarks/nlp_throughput.py [--megabytes 1.0]

Both run on the gold texts repeated to the requested volume; jieba uses the
same domain dictionary and is warmed up first.  The goal is a ratio of at
least 0.8.  Extraction runs jieba only around possible personal names (the
one place it needs word boundaries) and reads the rest with regexes and
Aho-Corasick automata, so it can be faster than segmenting the whole text.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

import nlp  # noqa: E402
from nlp.pipeline import get_nlp, load_jieba  # noqa: E402


def corpus(megabytes: float) -> list[str]:
    with (ROOT / "fixtures" / "nlp_gold.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    wanted = int(megabytes * 1_000_000)
    out, size = [], 0
    while size < wanted:
        for text in texts:
            out.append(text)
            size += len(text.encode("utf-8"))
    return out


def rate(function, texts: list[str]) -> tuple[float, float]:
    """Characters per second of ``function`` over ``texts``: by wall clock and by CPU time.

    CPU time (``time.process_time``) is less disturbed by other processes on a
    shared machine than the wall clock.
    """
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        function(text)
    chars = sum(map(len, texts))
    return chars / (time.perf_counter() - start), chars / (time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    texts = corpus(args.megabytes)
    load_jieba()
    get_nlp()
    for text in texts[:200]:  # warm-up: caches, compiled regexes, jieba's DAG code paths
        jieba.lcut(text)
        nlp.extract(text)
    jieba_rate = rate(jieba.lcut, texts)
    extract_rate = rate(nlp.extract, texts)
    tracemalloc.start()
    for text in texts[:500]:
        nlp.extract(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"texts: {len(texts)} ({size:.2f} MB UTF-8, {sum(map(len, texts))} chars)")
    print(f"jieba.lcut:   {jieba_rate[0]:12,.0f} chars/s wall   {jieba_rate[1]:12,.0f} chars/s CPU")
    print(f"nlp.extract:  {extract_rate[0]:12,.0f} chars/s wall   {extract_rate[1]:12,.0f} chars/s CPU")
    print(f"ratio:        {extract_rate[0] / jieba_rate[0]:12.2f} wall   "
          f"{extract_rate[1] / jieba_rate[1]:12.2f} CPU  (goal >= 0.8)")
    # tracemalloc sees Python objects only (spaCy and jieba allocate in C); max RSS is the whole process.
    print(f"peak Python allocations while extracting: {peak / 1e6:.2f} MB; "
          f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
