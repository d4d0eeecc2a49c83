"""Precision, recall and F1 of :func:`nlp.extract` against a gold JSONL file.

Each gold line: ``{"id", "text", "decided_on", "facts"}`` with FACTS as in
CONTRACTS §3.  Set-valued fields are scored micro-averaged over all cases;
``fine_yuan`` by exact-match accuracy (null = null counts as a match).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .api import extract


@dataclass
class Score:
    true_positive: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, predicted: set, expected: set) -> None:
        self.true_positive += len(predicted & expected)
        self.predicted += len(predicted)
        self.expected += len(expected)

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _provisions(facts: dict, role: str) -> set:
    return {(role, c["law"], c["article"], c["paragraph"], c["item"]) for c in facts[role]}


def _region(facts: dict) -> set:
    return {(level, name) for level, name in (facts.get("region") or {}).items() if name}


#: Field name → function from a FACTS dict to the set that is scored.
FIELDS: dict[str, Callable[[dict], set]] = {
    "provisions violated": lambda f: _provisions(f, "violated"),
    "provisions penalty_basis": lambda f: _provisions(f, "penalty_basis"),
    "provisions (all)": lambda f: _provisions(f, "violated") | _provisions(f, "penalty_basis"),
    "measures": lambda f: set(f["measures"]),
    "violation_types": lambda f: set(f["violation_types"]),
    "industry": lambda f: {f["industry"]["code"]} if f.get("industry") else set(),
    "region": _region,
    "parties": lambda f: set(f.get("parties", [])),
    "pii": lambda f: {(s["kind"], s["start"], s["end"]) for s in f["pii"]},
}


@dataclass
class Report:
    scores: dict[str, Score]
    fine_correct: int
    cases: int
    mistakes: list[dict]


def evaluate(cases: Iterable[dict], fields: Iterable[str] = tuple(FIELDS)) -> Report:
    """Score extraction on gold cases; ``mistakes`` lists the differing fields per case.

    ``fields`` names the entries of :data:`FIELDS` the gold labels (all by default).
    """
    scores = {name: Score() for name in fields}
    fine_correct = count = 0
    mistakes = []
    for case in cases:
        count += 1
        decided = date.fromisoformat(case["decided_on"]) if case.get("decided_on") else None
        predicted = extract(case["text"], decided).to_dict()
        gold = case["facts"]
        wrong = {}
        for name, score in scores.items():
            view = FIELDS[name]
            score.add(view(predicted), view(gold))
            if view(predicted) != view(gold):
                wrong[name] = {"missing": sorted(map(str, view(gold) - view(predicted))),
                               "extra": sorted(map(str, view(predicted) - view(gold)))}
        if predicted["fine_yuan"] == gold["fine_yuan"]:
            fine_correct += 1
        else:
            wrong["fine_yuan"] = {"expected": gold["fine_yuan"], "got": predicted["fine_yuan"]}
        if wrong:
            mistakes.append({"id": case["id"], **wrong})
    return Report(scores, fine_correct, count, mistakes)


def evaluate_file(path: Path) -> Report:
    with path.open(encoding="utf-8") as handle:
        return evaluate(json.loads(line) for line in handle if line.strip())


def format_table(report: Report) -> str:
    """A plain-text table: one row per field, then the fine accuracy."""
    lines = [f"{'field':<26}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>9}"]
    for name, score in report.scores.items():
        lines.append(f"{name:<26}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}"
                     f"{score.expected:>9}")
    accuracy = report.fine_correct / report.cases if report.cases else 1.0
    lines.append(f"{'fine_yuan (exact match)':<26}{'':>10}{'':>10}{accuracy:>10.3f}{report.cases:>9}")
    return "\n".join(lines)
