"""Test data built through the same code as `import_cases`, so tests see what users see."""
import itertools

from casebase.cases.importer import CaseImporter, validate

_refs = itertools.count(1)


def case_record(**overrides) -> dict:
    """A valid import line (CONTRACTS §4) for a Hangzhou air-pollution case; override any field."""
    record = {
        "ref": f"TEST-{next(_refs):04d}",
        "title": "杭州某化工有限公司未密闭收集挥发性有机物废气案",
        "province": "浙江省",
        "city": "杭州市",
        "county": "余杭区",
        "unit": "杭州市生态环境局",
        "decision_date": "2024-11-06",
        "basic_facts": "2024年8月，执法人员检查发现该公司调漆、喷涂工序未在密闭空间进行，废气未经收集直接排放。",
        "handling": "该公司的行为违反了《中华人民共和国大气污染防治法》第四十五条的规定。依据该法第一百零八条第（一）项，杭州市生态环境局责令其改正，并处罚款十二万元。",
        "significance": "挥发性有机物无组织排放是臭氧污染的重要来源，本案对同类企业具有警示意义。",
        "violated": [{"law": "中华人民共和国大气污染防治法", "article": 45, "paragraph": None, "item": None}],
        "penalty_basis": [{"law": "中华人民共和国大气污染防治法", "article": 108, "paragraph": None, "item": 1}],
        "fine_yuan": 120000,
        "measures": ["罚款", "责令改正"],
        "violation_types": ["大气污染"],
        "industry": "C26",
        "keywords": ["VOCs", "无组织排放"],
    }
    record.update(overrides)
    return record


def create_case(publish: bool = True, user=None, **overrides):
    """Creates (or updates, by ref) a case page from `case_record(**overrides)`."""
    case, _ = CaseImporter(publish=publish, user=user).write(validate(case_record(**overrides)))
    return case
