"""Extraction on the published real cases (../shared/data/real_cases) meets the targets.

The shared folder is found as Django's settings find it: CASEBASE_SHARED_DIR, else ``../shared``
from the repository root.
"""
import json
import os
from pathlib import Path

import pytest

from nlp.build_data import build_industry_index, generate
from nlp.evaluate import evaluate_file
from nlp.real_cases import INDUSTRIES, gold_case, load_industries
from nlp.resources import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CASEBASE_SHARED_DIR", ROOT.parent / "shared"))
REAL_CASES = SHARED / "data" / "real_cases" / "cases.jsonl"


@pytest.fixture(scope="module")
def report():
    return evaluate_file(REAL_CASES)


def test_real_set_targets(report):
    assert report.cases == 60
    assert report.scores["provisions (all)"].f1 >= 0.97
    assert report.scores["measures"].f1 >= 0.95
    assert report.scores["violation_types"].f1 >= 0.92
    assert report.fine_correct / report.cases >= 0.97
    assert report.industry_cases == 60
    assert report.industry_right / report.industry_cases >= 0.90


def test_every_real_case_has_an_industry_coding():
    refs = {json.loads(line)["ref"] for line in REAL_CASES.read_text(encoding="utf-8").splitlines()}
    coding = load_industries(INDUSTRIES)
    assert set(coding) == refs
    divisions = json.loads((ROOT / "nlp" / "data" / "industries.json").read_text(encoding="utf-8"))
    assert all(code in divisions and len(codes) <= 2 for codes in coding.values() for code in codes)


def test_gold_case_follows_the_contract():
    line = {"ref": "RD-X", "title": "某公司未批先建不予处罚案", "basic_facts": "事实", "handling": "决定不予行政处罚",
            "significance": "", "decision_date": "2024-01-02",
            "labels": {"violated": [], "penalty_basis": [], "fine_yuan": 0, "measures": [],
                       "violation_types": ["环境影响评价"], "industry_hint": "机制砂生产"}}
    case = gold_case(line, {"RD-X": ["C30", "B10"]})
    assert case["text"] == "某公司未批先建不予处罚案\n事实\n决定不予行政处罚\n"
    assert case["facts"]["fine_yuan"] is None  # 0 for 不予处罚 is "no fine" in CONTRACTS §3
    assert case["facts"]["industry_codes"] == ["C30", "B10"]
    assert case["decided_on"] == "2024-01-02"


def test_industry_index_from_the_standard():
    index = {term: (code, where) for term, code, where in
             build_industry_index(SHARED / "data" / "gbt4754_2017_industry.csv")}
    assert index["风力发电"] == ("D44", "text")
    assert index["白酒"] == ("C15", "name")
    assert index["肉类加工"] == ("C13", "text")
    # Pollution control is what every case speaks of: never read in running text.
    assert "污水处理" not in index or index["污水处理"][1] == "name"
    # 煤炭开采 names both B06 and a B11 support service: no single division, so no term.
    assert "煤炭开采" not in index
    # Parts of names that say nothing on their own are left out.
    assert not {"其他", "制品", "设备", "投资"} & set(index)


@pytest.mark.parametrize("name, content", sorted(generate(SHARED).items()))
def test_generated_data_is_up_to_date(name, content):
    """Every file nlp/build_data.py derives from ../shared is as it would write it now."""
    assert (DATA_DIR / name).read_text(encoding="utf-8") == content, (
        f"nlp/data/{name} is stale: run python -m nlp build-data ../shared")
