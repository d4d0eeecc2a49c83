"""Precision, recall and F1 of :func:`nlp.extract` against a gold JSONL file.

Each gold line: ``{"id", "text", "decided_on", "facts"}`` with FACTS as in
CONTRACTS §3.  Set-valued fields are scored micro-averaged over all cases;
``fine_yuan`` by exact-match accuracy (null = null counts as a match).

A gold case may give ``facts["industry_codes"]`` instead of ``industry``: the
GB/T 4754 divisions accepted for it (two where the activity is ambiguous, none
where the text names no activity).  The industry is then scored as found and
right: the predicted division is one of them, or none is predicted and none
is accepted.

A file of published real cases (``../shared/data/real_cases/cases.jsonl``,
lines with ``labels``) is read through :mod:`nlp.real_cases`.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import real_cases
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


def _with_article(view: Callable[[dict], set]) -> Callable[[dict], set]:
    return lambda facts: {key for key in view(facts) if key[2] is not None}


#: Views for gold sets that do not label a law cited without an article (the real cases:
#: "依据《…法》相关规定" is left out), so such predicted citations are left out too.
_ARTICLE_CITATIONS_ONLY = {name: _with_article(view) for name, view in FIELDS.items()
                           if name.startswith("provisions")}


@dataclass
class Report:
    scores: dict[str, Score]
    fine_correct: int
    cases: int
    mistakes: list[dict]
    industry_right: int = 0
    industry_cases: int = 0  # cases whose gold gives accepted industry codes


def evaluate(cases: Iterable[dict], fields: Iterable[str] = tuple(FIELDS),
             views: dict[str, Callable[[dict], set]] | None = None) -> Report:
    """Score extraction on gold cases; ``mistakes`` lists the differing fields per case.

    ``fields`` names the entries of :data:`FIELDS` the gold labels (all by default);
    ``views`` replaces some of them (a gold set labelled by other conventions).
    """
    views = {**FIELDS, **(views or {})}
    scores = {name: Score() for name in fields}
    report = Report(scores, 0, 0, [])
    for case in cases:
        report.cases += 1
        decided = date.fromisoformat(case["decided_on"]) if case.get("decided_on") else None
        predicted = extract(case["text"], decided).to_dict()
        gold = case["facts"]
        wrong = {}
        for name, score in scores.items():
            view = views[name]
            score.add(view(predicted), view(gold))
            if view(predicted) != view(gold):
                wrong[name] = {"missing": sorted(map(str, view(gold) - view(predicted))),
                               "extra": sorted(map(str, view(predicted) - view(gold)))}
        if predicted["fine_yuan"] == gold["fine_yuan"]:
            report.fine_correct += 1
        else:
            wrong["fine_yuan"] = {"expected": gold["fine_yuan"], "got": predicted["fine_yuan"]}
        if "industry_codes" in gold:
            report.industry_cases += 1
            if _industry_right(predicted, gold["industry_codes"]):
                report.industry_right += 1
            else:
                wrong["industry"] = {"expected": gold["industry_codes"], "got": predicted["industry"]}
        if wrong:
            report.mistakes.append({"id": case["id"], **wrong})
    return report


def _industry_right(predicted: dict, accepted: list[str]) -> bool:
    found = predicted.get("industry")
    return found["code"] in accepted if found else not accepted


def evaluate_file(path: Path, industries: Path | None = None) -> Report:
    """Score a gold file, or a real-case file (with the industry coding ``industries``)."""
    with path.open(encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle if line.strip()]
    if lines and real_cases.is_real_case(lines[0]):
        coding = real_cases.load_industries(industries or real_cases.INDUSTRIES)
        return evaluate((real_cases.gold_case(line, coding) for line in lines), real_cases.LABELLED,
                        _ARTICLE_CITATIONS_ONLY)
    return evaluate(lines)


def format_table(report: Report) -> str:
    """A plain-text table: one row per field, then the fine accuracy."""
    lines = [f"{'field':<26}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>9}"]
    for name, score in report.scores.items():
        lines.append(f"{name:<26}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}"
                     f"{score.expected:>9}")
    accuracy = report.fine_correct / report.cases if report.cases else 1.0
    lines.append(f"{'fine_yuan (exact match)':<26}{'':>10}{'':>10}{accuracy:>10.3f}{report.cases:>9}")
    if report.industry_cases:
        right = report.industry_right / report.industry_cases
        lines.append(f"{'industry (found and right)':<26}{'':>10}{'':>10}{right:>10.3f}{report.industry_cases:>9}")
    return "\n".join(lines)
