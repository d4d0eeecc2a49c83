"""Quality gate: the evaluator on the gold set must meet the targets."""
from pathlib import Path

from nlp.evaluate import evaluate_file

GOLD = Path(__file__).resolve().parents[2] / "fixtures" / "nlp_gold.jsonl"


def test_gold_set_targets():
    report = evaluate_file(GOLD)
    assert report.cases >= 90
    assert report.scores["provisions (all)"].f1 >= 0.97
    assert report.fine_correct / report.cases >= 0.98
    assert report.scores["measures"].f1 >= 0.95
    assert report.scores["violation_types"].f1 >= 0.90
