"""sections.py: the parts of a write-up and of a 行政处罚决定书."""
import datetime

import pytest

from casebase.intake.sections import parse_date, split_document
from tests.intake.sample_documents import DECISION, WRITE_UP


def test_a_write_up_is_split_at_its_headings():
    parts = split_document(WRITE_UP)
    assert parts.found_headings and not parts.is_decision
    assert parts.title == "杭州某化工有限公司未密闭收集挥发性有机物废气案"
    assert parts.unit == "杭州市生态环境局"
    assert parts.decided_on == datetime.date(2024, 11, 6)
    assert parts.sections["basic_facts"].startswith("2024年8月12日，杭州市生态环境局执法人员")
    assert parts.sections["handling"].startswith("该公司的上述行为违反了")
    assert parts.sections["significance"].startswith("挥发性有机物无组织排放")


@pytest.mark.parametrize(
    "heading", ["【基本案情】", "（一）案件概况", "基本案情：", "1. 基本案情"],
)
def test_heading_variants(heading):
    parts = split_document(f"某案\n{heading}案情正文。\n查处情况\n处理正文。")
    assert parts.sections["basic_facts"] == "案情正文。"
    assert parts.sections["handling"] == "处理正文。"


def test_a_sentence_starting_with_a_heading_word_is_not_a_heading():
    parts = split_document("某案\n基本案情\n基本情况良好的企业也应自查。")
    assert parts.sections["basic_facts"] == "基本情况良好的企业也应自查。"


def test_a_decision_maps_findings_and_reasoning_and_leaves_significance_empty():
    parts = split_document(DECISION)
    assert parts.is_decision
    assert parts.unit == "杭州市生态环境局"
    assert parts.party == "杭州某印染有限公司"
    assert parts.decided_on == datetime.date(2024, 11, 6)
    facts, handling = parts.sections["basic_facts"], parts.sections["handling"]
    assert facts.startswith("经查，我局执法人员") and facts.endswith("等证据为证。")
    assert handling.startswith("你公司的上述行为违反了") and handling.endswith("罚款人民币叁拾伍万元整。")
    assert parts.sections["significance"] == ""
    assert "统一社会信用代码" not in facts + handling and "行政复议" not in handling


def test_text_without_headings_goes_to_basic_facts():
    parts = split_document("某公司超标排污案\n2024年3月，执法人员检查发现该公司超标排放。")
    assert parts.title == "某公司超标排污案"
    assert parts.sections["basic_facts"] == "2024年3月，执法人员检查发现该公司超标排放。"
    assert parts.decided_on is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("二〇二四年十一月六日", datetime.date(2024, 11, 6)),
        ("2024年11月6日", datetime.date(2024, 11, 6)),
        ("２０２４年１月３０日", datetime.date(2024, 1, 30)),
        ("二○二三年二月二十八日", datetime.date(2023, 2, 28)),
        ("2024年2月30日，2024年3月1日", datetime.date(2024, 3, 1)),
        ("2024年8月", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date
