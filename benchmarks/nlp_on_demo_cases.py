"""Extraction measured on text it was not written against: the demo corpus.

The demo cases (casebase/cases/demo/published.jsonl) were written and labelled independently of
nlp/ and its gold set, so they show how the rules generalise. Prints precision/recall-based F1
for provisions (with their role), measures and violation types, and exact-match accuracy for
the fine, then the cases that differ.

    .venv/bin/python benchmarks/nlp_on_demo_cases.py [--show-errors]
"""
import argparse
import datetime
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp import extract  # noqa: E402

DEMO = ROOT / "casebase" / "cases" / "demo" / "published.jsonl"
SET_FIELDS = ("provisions", "measures", "violation_types")


def provisions(violated, basis) -> set:
    def keyed(role, citations):
        return {(role, c["law"], c["article"], c.get("paragraph"), c.get("item")) for c in citations}

    return keyed("violated", violated) | keyed("basis", basis)


def same_fine(expected, found) -> bool:
    if expected is None or found is None:
        return expected is found
    return float(expected) == float(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    counts = {name: [0, 0, 0] for name in SET_FIELDS}  # true positives, false positives, false negatives
    fines_right, cases, errors = 0, 0, []
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        cases += 1
        text = "\n".join([case["title"], case["basic_facts"], case["handling"], case["significance"]])
        facts = extract(text, datetime.date.fromisoformat(case["decision_date"])).to_dict()
        expected = {
            "provisions": provisions(case.get("violated", []), case.get("penalty_basis", [])),
            "measures": set(case.get("measures", [])),
            "violation_types": set(case.get("violation_types", [])),
        }
        found = {
            "provisions": provisions(facts["violated"], facts["penalty_basis"]),
            "measures": set(facts["measures"]),
            "violation_types": set(facts["violation_types"]),
        }
        for name in SET_FIELDS:
            tp, fp, fn = counts[name]
            counts[name] = [tp + len(expected[name] & found[name]), fp + len(found[name] - expected[name]),
                            fn + len(expected[name] - found[name])]
            if expected[name] != found[name]:
                errors.append((case["ref"], name, sorted(expected[name] - found[name]), sorted(found[name] - expected[name])))
        if same_fine(case.get("fine_yuan"), facts["fine_yuan"]):
            fines_right += 1
        else:
            errors.append((case["ref"], "fine_yuan", case.get("fine_yuan"), facts["fine_yuan"]))
    print(f"{cases} demo cases")
    for name, (tp, fp, fn) in counts.items():
        print(f"{name:<16} F1 {2 * tp / (2 * tp + fp + fn):.3f}")
    print(f"{'fine_yuan':<16} exact {fines_right / cases:.3f}")
    if args.show_errors:
        for error in errors:
            print(*error)


if __name__ == "__main__":
    main()
