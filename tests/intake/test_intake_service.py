"""services.py: document text → a draft case through the importer's validation."""
import datetime
import re

from casebase.cases.library import city_index_for
from casebase.cases.models import CaseCitation, CasePage
from casebase.intake.services import create_draft, validate_leaving_out
from casebase.taxonomy.models import Division
from tests.factories import case_record
from tests.intake.sample_documents import DECISION, WRITE_UP

OUTSIDE_THE_CITY = """温州某鞋业有限公司违法排污案
一、基本案情
2024年5月10日，执法人员对位于温州市鹿城区的温州某鞋业有限公司开展检查，发现其喷胶工序废气未经收集直接排放。
二、查处情况
该公司的行为违反了《中华人民共和国大气污染防治法》第四十五条和《浙江省大气污染防治条例》第三十条的规定。2024年6月20日，生态环境部门依据《中华人民共和国大气污染防治法》第三百零八条的规定作出行政处罚决定，对其处罚款五万元。"""


def citations_of(case: CasePage) -> list[tuple]:
    return [(c.role, c.law_title, c.article, c.item, c.provision is not None) for c in case.citations.all()]


def test_a_write_up_becomes_a_draft_in_the_submitters_city(accounts, hangzhou):
    user = accounts["city_hangzhou"]
    result = create_draft(WRITE_UP, hangzhou, user, "案例.docx")
    case = CasePage.objects.get(pk=result.case.pk)
    assert not case.live and case.get_parent().pk == hangzhou.pk and case.owner == user
    assert re.fullmatch(r"330100-20241106-[A-Z0-9]{4}", case.ref)
    assert case.title == "杭州某化工有限公司未密闭收集挥发性有机物废气案"
    assert case.unit == "杭州市生态环境局" and case.decision_date == datetime.date(2024, 11, 6)
    assert case.basic_facts.startswith("<p>2024年8月12日") and case.significance.startswith("<p>挥发性有机物")
    assert (case.province.name, case.city.name, case.county.name) == ("浙江省", "杭州市", "余杭区")
    assert citations_of(case) == [
        (CaseCitation.Role.VIOLATED, "中华人民共和国大气污染防治法", 45, None, True),
        (CaseCitation.Role.BASIS, "中华人民共和国大气污染防治法", 108, 1, True),
    ]
    assert case.fine_yuan == 120000
    assert {m.name for m in case.measures.all()} == {"罚款", "责令改正"}
    assert [t.name for t in case.violation_types.all()] == ["大气污染"]
    assert case.industry.code == "C26"
    assert result.left_out == [] and result.to_check == []
    assert "罚款金额（120,000 元）" in result.filled and "法律依据 2 条" in result.filled
    assert result.filled[0] == "标题" and "处罚决定日期（2024年11月6日）" in result.filled


def test_a_decision_becomes_a_draft_with_findings_and_reasoning(accounts, hangzhou):
    result = create_draft(DECISION, hangzhou, accounts["city_hangzhou"], "决定书.pdf")
    case = CasePage.objects.get(pk=result.case.pk)
    assert case.title == "杭州某印染有限公司水污染案"
    assert case.basic_facts.startswith("<p>经查") and "违反了" in case.handling and case.significance == ""
    assert case.decision_date == datetime.date(2024, 11, 6) and case.fine_yuan == 350000
    assert citations_of(case) == [
        (CaseCitation.Role.VIOLATED, "中华人民共和国水污染防治法", 39, None, True),
        (CaseCitation.Role.BASIS, "中华人民共和国水污染防治法", 83, 3, True),
    ]
    assert "行政复议" not in case.handling and "91330110" not in case.basic_facts


def test_values_that_fail_validation_are_left_out_and_reported(accounts, hangzhou):
    result = create_draft(OUTSIDE_THE_CITY, hangzhou, accounts["city_hangzhou"], "案例.docx")
    case = CasePage.objects.get(pk=result.case.pk)
    assert case.get_parent().pk == hangzhou.pk and case.city.name == "杭州市" and case.county is None
    assert citations_of(case) == [
        (CaseCitation.Role.VIOLATED, "中华人民共和国大气污染防治法", 45, None, True),
        (CaseCitation.Role.VIOLATED, "浙江省大气污染防治条例", 30, None, False),  # kept as the import keeps it
    ]
    assert case.fine_yuan == 50000
    assert result.left_out == [
        "地区：文书所述地区“浙江省温州市鹿城区”不在杭州市，未填写区县",
        "处罚依据：《中华人民共和国大气污染防治法》2024-06-20 时有效的版本中没有第三百零八条",
    ]


def test_the_unit_named_in_a_sentence_starts_at_the_city(accounts, hangzhou):
    text = "某公司超标排污案\n一、基本案情\n2024年3月1日，经杭州市生态环境局调查，该公司超标排放废水。"
    assert create_draft(text, hangzhou, accounts["city_hangzhou"], "a.docx").case.unit == "杭州市生态环境局"


def test_missing_unit_and_date_get_placeholders_to_check(accounts, hangzhou):
    result = create_draft("某公司超标排污案\n执法人员检查发现该公司超标排放废水。", hangzhou, accounts["city_hangzhou"], "a.docx")
    case = result.case
    assert case.unit == "杭州市生态环境局" and not case.live
    assert any("处罚决定日期" in note for note in result.to_check)
    assert any("办案单位" in note for note in result.to_check)


def test_a_placeholder_title_is_not_reported_as_found_but_to_be_filled_in(accounts, hangzhou):
    result = create_draft("一、基本案情\n执法人员检查发现超标排放废水。", hangzhou, accounts["city_hangzhou"], "a.docx")
    assert result.case.title == "从文书导入的案例"
    assert "标题" not in result.filled
    assert "未识别标题，暂填“从文书导入的案例”，请填写案例标题" in result.to_check


def test_a_decision_date_in_the_future_is_reported_as_such(accounts, hangzhou):
    text = "某公司超标排污案\n一、基本案情\n2099年3月1日，杭州市生态环境局作出行政处罚决定，对该公司处罚款五万元。"
    result = create_draft(text, hangzhou, accounts["city_hangzhou"], "a.docx")
    assert "文书中的处罚决定日期（2099年3月1日）晚于今天，暂填今天，请改为实际日期" in result.to_check
    assert not any("未能识别" in note for note in result.to_check)


def test_a_municipality_is_its_own_city(accounts):
    index = city_index_for(Division.objects.get(name="上海市", level=Division.Level.PROVINCE))
    text = "某公司噪声超标案\n一、基本案情\n2024年3月1日，执法人员在上海市浦东新区检查发现该公司夜间施工噪声超标。"
    case = create_draft(text, index, accounts["province_admin"], "a.docx").case
    assert case.province.name == "上海市" and case.city is None and case.county.name == "浦东新区"


def test_validate_leaving_out_drops_each_refused_value_and_keeps_the_rest(db):
    record = case_record(
        county="鹿城区", industry="Z99", measures=["罚款", "没有这种措施"],
        violated=[{"law": "中华人民共和国大气污染防治法", "article": 300}, {"law": "中华人民共和国大气污染防治法", "article": 45}],
    )
    validated, notes = validate_leaving_out(record)
    assert validated.region.county is None and validated.industry is None and validated.measures == []
    # A place is never refused (casebase/taxonomy/regions.py): the county is kept as written.
    assert validated.region.as_written == "浙江省杭州市鹿城区"
    assert [(c.role, c.article) for c in validated.citations] == [("violated", 45), ("basis", 108)]
    assert validated.fine_yuan == 120000
    assert [note.split("：")[0] for note in notes] == ["行业", "处理措施", "违反条款"]
