"""Precision and recall of the near-duplicate check (search/similar.py) on the real cases:

    .venv/bin/python benchmarks/near_duplicates.py [--cases ../shared/data/real_cases/cases.jsonl] [--seed 7]

1. Indexes the real cases into an index of its own (`casebase-bench-duplicates-<pid>`, deleted
   at the end, whatever happens), documents made as the case index makes them.
2. Builds one paraphrase of every case by general rules that keep the facts: sentences of
   each section reordered, common words swapped for synonyms (a fixed list of general
   administrative vocabulary, nothing taken from a particular case), dates moved by a day and
   written with the month zero-padded, the closing sentence of 典型意义 (commentary) dropped;
   and a second one without 典型意义 at all (the same facts, commentary to be written anew).
3. Runs the whole check (more_like_this candidates, then the score) and counts pairs:
   - positive: a case's paraphrase against the case itself (it must be flagged);
   - negative: a case against every other case sharing one of its violation types (it must not).
4. Prints, at the threshold in `search/similar.py`, precision and recall, the score
   distribution of both kinds, the threshold with the best F1 on all pairs, and a two-fold
   estimate (threshold chosen on half the cases, measured on the other half) that says how
   much the figure owes to choosing the threshold on the same cases; and the time of one check.
"""
import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebase.settings.dev")

DEFAULT_CASES = ROOT.parent / "shared" / "data" / "real_cases" / "cases.jsonl"
SECTIONS = ["basic_facts", "handling", "significance"]
# Common administrative wording and an equivalent: general vocabulary, not any case's facts.
SYNONYMS = {
    "该公司": "该企业", "执法人员": "执法检查人员", "发现": "查实", "依法": "依照法律", "作出": "做出",
    "立即": "随即", "进行": "开展", "违反了": "违背了", "处以": "给予", "经查": "经调查", "对其": "对该单位",
    "随后": "之后", "同时": "与此同时", "相关": "有关", "情况": "情形", "存在": "有", "根据": "依据",
    "实施": "开展", "要求": "责成", "严重": "极为", "及时": "迅速", "调查": "查证", "现场": "当场",
}
_SYNONYM_PATTERN = re.compile("|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)))
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def paraphrase(record: dict, rng: random.Random, drop_significance: bool = False) -> dict:
    texts = {name: _reword(record.get(name) or "", rng) for name in SECTIONS}
    texts["significance"] = "" if drop_significance else "".join(_sentences(texts["significance"])[:-1])
    return {"title": _reword(record["title"], rng, reorder=False), **texts}


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def _reword(text: str, rng: random.Random, reorder: bool = True) -> str:
    sentences = _sentences(text)
    if reorder and len(sentences) > 1:
        rng.shuffle(sentences)
    text = _SYNONYM_PATTERN.sub(lambda m: SYNONYMS[m.group()], "".join(sentences))
    return _DATE.sub(lambda m: f"{m[1]}年{int(m[2]):02d}月{_next_day(int(m[3]))}日", text)


def _next_day(day: int) -> int:
    return day + 1 if day < 28 else day - 1


def violated_keys(record: dict) -> list[str]:
    return [f"{v['law']}:{v['article']}" for v in record.get("labels", {}).get("violated", []) if v.get("article")]


def index_documents(records: list[dict], index: str) -> None:
    from elasticsearch.helpers import bulk

    from nlp import segment
    from search.client import get_client
    from search.documents import INDEX_SETTINGS, MAPPING

    client = get_client()
    client.indices.create(index=index, settings=INDEX_SETTINGS, mappings=MAPPING)
    actions = []
    for number, record in enumerate(records):
        texts = {"title": record["title"], **{name: record.get(name) or "" for name in SECTIONS}}
        document = {**texts, **{f"{name}_seg": " ".join(segment(text)) for name, text in texts.items()},
                    "page_id": number, "violated": violated_keys(record), "decision_date": record["decision_date"]}
        actions.append({"_index": index, "_id": str(number), "_source": document})
    bulk(client, actions, refresh=True)


CHECK_SECONDS: list[float] = []  # the time of every check, as a panel waits for it


def check(case, index: str, exclude=()) -> dict[int, float]:
    from search.similar import published_candidates, score

    started = time.perf_counter()
    found = {s.key: s.score for s in score(case, published_candidates(case, exclude, index=index), index)}
    CHECK_SECONDS.append(time.perf_counter() - started)
    return found


def pair_scores(records: list[dict], index: str, seed: int, drop_significance: bool = False) -> tuple[list, list]:
    """(case number, score) of every positive pair and (case number, score) of every negative."""
    from search.similar import CaseText

    rng = random.Random(seed)
    positives, negatives = [], []
    types = [set(r.get("labels", {}).get("violation_types", [])) for r in records]
    for number, record in enumerate(records):
        copy = CaseText.from_texts(paraphrase(record, rng, drop_significance), violated_keys(record))
        positives.append((number, check(copy, index).get(number, 0.0)))
        original = CaseText.from_texts({"title": record["title"], **record}, violated_keys(record))
        found = check(original, index, exclude=[number])
        for other in range(len(records)):
            if other != number and types[number] & types[other]:
                negatives.append((number, found.get(other, 0.0)))
    return positives, negatives


def precision_recall(positives, negatives, threshold: float) -> tuple[float, float]:
    true = sum(s >= threshold for _, s in positives)
    false = sum(s >= threshold for _, s in negatives)
    precision = true / (true + false) if true + false else 1.0
    return precision, true / len(positives)


def best_threshold(positives, negatives) -> float:
    def f1(t):
        p, r = precision_recall(positives, negatives, t)
        return 2 * p * r / (p + r) if p + r else 0.0
    return max((round(t / 100, 2) for t in range(5, 100)), key=lambda t: (f1(t), -abs(t - 0.5)))


def two_fold(positives, negatives) -> tuple[float, float]:
    """Precision and recall on each half with the threshold of the other half, pooled."""
    counts = [0, 0, 0]  # true positives, false positives, positives
    for half in (0, 1):
        train = [[p for p in pairs if p[0] % 2 != half] for pairs in (positives, negatives)]
        test = [[p for p in pairs if p[0] % 2 == half] for pairs in (positives, negatives)]
        threshold = best_threshold(*train)
        counts[0] += sum(s >= threshold for _, s in test[0])
        counts[1] += sum(s >= threshold for _, s in test[1])
        counts[2] += len(test[0])
    return counts[0] / ((counts[0] + counts[1]) or 1), counts[0] / counts[2]


def describe(scores) -> str:
    values = sorted(s for _, s in scores)
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return f"min {values[0]:.2f}  q1 {quartiles[0]:.2f}  median {quartiles[1]:.2f}  q3 {quartiles[2]:.2f}  max {values[-1]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings

    from search.client import get_client
    from search.similar import THRESHOLD

    records = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = f"{settings.SEARCH_INDEX_PREFIX}-bench-duplicates-{os.getpid()}"
    try:
        index_documents(records, index)
        positives, negatives = pair_scores(records, index, args.seed)
        # The same facts with the commentary (典型意义) left out: a resubmission with new commentary.
        shorter, _ = pair_scores(records, index, args.seed, drop_significance=True)
    finally:
        get_client().indices.delete(index=index, ignore_unavailable=True)
    precision, recall = precision_recall(positives, negatives, THRESHOLD)
    print(f"cases: {len(records)}; pairs: {len(positives)} positive (case vs its paraphrase), "
          f"{len(negatives)} negative (case vs another case of a same violation type)")
    print(f"positive scores: {describe(positives)}")
    print(f"negative scores: {describe(negatives)}")
    print(f"threshold {THRESHOLD} (search/similar.py): precision {precision:.3f}, recall {recall:.3f}")
    print(f"paraphrases without 典型意义: scores {describe(shorter)}; precision "
          "{:.3f}, recall {:.3f}".format(*precision_recall(shorter, negatives, THRESHOLD)))
    best = best_threshold(positives, negatives)
    print(f"best-F1 threshold on these pairs: {best} → precision {precision_recall(positives, negatives, best)[0]:.3f}, "
          f"recall {precision_recall(positives, negatives, best)[1]:.3f}")
    print(f"one check (candidates + score, {len(CHECK_SECONDS)} runs): median {statistics.median(CHECK_SECONDS) * 1000:.0f} ms, "
          f"max {max(CHECK_SECONDS) * 1000:.0f} ms (load average {os.getloadavg()[0]:.1f})")
    print("two-fold (threshold from the other half of the cases): precision {:.3f}, recall {:.3f}".format(*two_fold(positives, negatives)))


if __name__ == "__main__":
    main()
