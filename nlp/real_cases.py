"""Published real cases (``../shared/data/real_cases/cases.jsonl``) as gold cases.

A real-case line carries its case fields (title, basic_facts, handling,
significance, decision_date) and a ``labels`` object (violated,
penalty_basis, fine_yuan, measures, violation_types and a free-text
``industry_hint``).  :func:`gold_case` turns it into a gold case of
:mod:`nlp.evaluate`.  The industry is coded separately (the hint is prose):
a JSONL file of ``{"ref", "industry_hint", "codes"}`` gives the GB/T 4754
divisions accepted for each case, several where the activity is ambiguous,
none where the text names no activity.
"""
from __future__ import annotations

import json
from pathlib import Path

#: The fields of a case that make its text, in the order the importer joins them.
TEXT_FIELDS = ("title", "basic_facts", "handling", "significance")
#: The labelled fields (gold set field names of nlp.evaluate) a real case is scored on.
LABELLED = ("provisions violated", "provisions penalty_basis", "provisions (all)", "measures",
            "violation_types")
#: The repository's coding of the real cases' industry hints.
INDUSTRIES = Path(__file__).resolve().parent.parent / "fixtures" / "real_case_industries.jsonl"


def is_real_case(line: dict) -> bool:
    return "labels" in line and "ref" in line


def load_industries(path: Path = INDUSTRIES) -> dict[str, list[str]]:
    """``{ref: [accepted division codes]}`` from an industry coding file."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return {row["ref"]: list(row["codes"]) for row in rows}


def gold_case(case: dict, industries: dict[str, list[str]] | None = None) -> dict:
    """A real-case line as a gold case; ``industry_codes`` only when the case is coded."""
    labels = case["labels"]
    facts = {
        "violated": labels.get("violated", []),
        "penalty_basis": labels.get("penalty_basis", []),
        # The real set writes 0 for 不予处罚; CONTRACTS §3 says null when there is no fine.
        "fine_yuan": labels.get("fine_yuan") or None,
        "measures": labels.get("measures", []),
        "violation_types": labels.get("violation_types", []),
    }
    if industries is not None and case["ref"] in industries:
        facts["industry_codes"] = industries[case["ref"]]
    return {
        "id": case["ref"],
        "text": "\n".join(str(case.get(name) or "") for name in TEXT_FIELDS),
        "decided_on": case.get("decision_date"),
        "facts": facts,
    }
