import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "nlp", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=True)


def test_extract_jsonl_with_bad_lines():
    lines = [json.dumps({"id": "a", "text": "违反《大气法》第九十九条，罚款20万元"}, ensure_ascii=False),
             "not json", json.dumps({"id": 7}), json.dumps({"id": "b", "text": "某县"})]
    out = [json.loads(line) for line in run("extract", stdin="\n".join(lines) + "\n").stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", None, 7, "b"]
    assert out[0]["facts"]["fine_yuan"] == 200000
    assert set(out[0]["facts"]) == {"violated", "penalty_basis", "fine_yuan", "measures", "violation_types",
                                    "industry", "region", "parties", "pii"}
    assert "error" in out[1] and "error" in out[2]
    assert "中华人民共和国" in run("extract", stdin=lines[0]).stdout  # ensure_ascii=False


def test_evaluate_prints_table():
    out = run("evaluate", "fixtures/nlp_gold.jsonl").stdout
    assert "provisions violated" in out and "fine_yuan" in out


def test_evaluate_reads_the_real_cases():
    shared = Path(os.environ.get("CASEBASE_SHARED_DIR", ROOT.parent / "shared"))
    out = run("evaluate", str(shared / "data" / "real_cases" / "cases.jsonl")).stdout
    assert "industry (found and right)" in out and "violation_types" in out
