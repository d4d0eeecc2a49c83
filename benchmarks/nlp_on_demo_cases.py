"""Extraction measured on text it was not written against: the demo corpus.

The demo cases (casebase/cases/demo/published.jsonl) were written and labelled independently of
nlp/ and its gold set, so they show how the rules generalise. Scores the fields the demo cases
label with `nlp.evaluate` (the same table as `python -m nlp evaluate`), then lists the cases
that differ.

    .venv/bin/python benchmarks/nlp_on_demo_cases.py [--show-errors]
"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.evaluate import evaluate, format_table  # noqa: E402

DEMO = ROOT / "casebase" / "cases" / "demo" / "published.jsonl"
# The demo cases name no parties and mark no personal data.
LABELLED = ("provisions violated", "provisions penalty_basis", "provisions (all)", "measures", "violation_types",
            "industry", "region")


def gold_case(case: dict) -> dict:
    """A demo line as an `nlp.evaluate` gold case."""
    return {
        "id": case["ref"],
        "text": "\n".join([case["title"], case["basic_facts"], case["handling"], case["significance"]]),
        "decided_on": case["decision_date"],
        "facts": {
            "violated": case.get("violated", []),
            "penalty_basis": case.get("penalty_basis", []),
            "fine_yuan": case.get("fine_yuan"),
            "measures": case.get("measures", []),
            "violation_types": case.get("violation_types", []),
            "industry": {"code": case["industry"]} if case.get("industry") else None,
            "region": {level: case.get(level) for level in ("province", "city", "county")},
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    report = evaluate((gold_case(json.loads(line)) for line in lines), LABELLED)
    print(f"{report.cases} demo cases")
    print(format_table(report))
    if args.show_errors:
        for mistake in report.mistakes:
            print(json.dumps(mistake, ensure_ascii=False))


if __name__ == "__main__":
    main()
