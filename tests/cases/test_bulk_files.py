"""Reading case files (JSONL, CSV, XLSX) through `import_cases`, the same importer the admin's
批量导入 uses: encodings, spreadsheet cells, files of another kind, limits, duplicate refs,
and every problem of a line reported by field."""
import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from casebase.cases.formats import FileRefused, read_file
from casebase.cases.models import CasePage
from tests.cases.bulk_files import csv_bytes, jsonl_bytes, table, xlsx_bytes
from tests.factories import case_record

pytestmark = pytest.mark.django_db


def import_file(tmp_path, name: str, data: bytes, *args) -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cases", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_a_csv_from_excel_imports_in_its_own_encoding(tmp_path, library, encoding):
    records = [case_record(ref="CSV-1", title="温州某电镀厂私设暗管排放含镍废水案", city="温州市", county="瓯海区")]
    out, err = import_file(tmp_path, "cases.csv", csv_bytes(records, encoding))
    assert "新建 1 条，更新 0 条，拒绝 0 条" in out, err
    case = CasePage.objects.get(ref="CSV-1")
    assert (case.title, case.city.name, case.county.name) == ("温州某电镀厂私设暗管排放含镍废水案", "温州市", "瓯海区")
    assert case.fine_yuan == 120000 and case.industry.code == "C26"
    assert {m.name for m in case.measures.all()} == {"罚款", "责令改正"}
    assert [str(c) for c in case.citations.all()] == ["《中华人民共和国大气污染防治法》第四十五条",
                                                      "《中华人民共和国大气污染防治法》第一百零八条第（一）项"]
    assert case.citations.get(article=108).provision is not None


def test_spreadsheet_cells_as_people_type_them(tmp_path, library):
    """Dates typed 2024年11月6日, 无 for "none", empty cells filled by extraction."""
    record = case_record(ref="XLSX-1", decision_date="2024年11月6日", measures=None, fine_yuan="无", industry=None,
                         violation_types=None, violated=None, penalty_basis=None)
    out, err = import_file(tmp_path, "cases.xlsx", xlsx_bytes([record]))
    assert "新建 1 条" in out, err
    case = CasePage.objects.get(ref="XLSX-1")
    assert case.decision_date.isoformat() == "2024-11-06"
    assert case.fine_yuan is None  # 无: none, not extracted
    # Empty cells: extraction read the text (违反…第四十五条，依据…第一百零八条第（一）项, 责令改正).
    assert {c.article for c in case.violated_citations()} == {45}
    assert {m.name for m in case.measures.all()} >= {"责令改正"}
    assert {v.name for v in case.violation_types.all()} == {"大气污染"}


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("cases.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), "不是文本（是PNG 图片）"),
    ("cases.xlsx", "案例编号,标题\nA,B\n".encode(), "不是 Excel（.xlsx）文件"),
    ("cases.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Excel（.xls）"),
    ("cases.xlsx", b"PK\x03\x04" + bytes(100), "已损坏"),
    ("cases.jsonl", '{"ref": "甲"}\n{"ref": "乙"}\n'.encode() + b"\xe4\xb8" + '{"ref": "丙"}\n'.encode() * 5, "第 3 行的编码已损坏"),
    ("cases.pdf", b"%PDF-1.7", "不支持的文件类型"),
    ("cases.csv", "编号,名称\n1,2\n".encode(), "缺少必需的列：案例编号、标题、省份、办案单位、决定日期"),
])
def test_a_file_that_cannot_be_read_is_refused_in_chinese(tmp_path, library, name, data, reason):
    with pytest.raises(CommandError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        import_file(tmp_path, name, data)
    assert not CasePage.objects.exists()


def test_too_many_lines_are_refused_while_reading_not_after(settings):
    header = "案例编号,标题,省份,办案单位,决定日期\n".encode()
    line = "\n".join(f"R-{i},标题,浙江省,单位,2024-01-01" for i in range(100_000))
    with pytest.raises(FileRefused) as refused:
        read_file(header + line.encode(), "big.csv", limit=2000)
    assert refused.value.message == "“big.csv”超过每次导入的上限 2000 条案例，请拆分为每份不超过 2000 条后分批上传。"


def test_duplicate_refs_in_a_file_refuse_every_such_line_and_write_nothing_of_them(tmp_path, library):
    records = [case_record(ref="DUP-1"), case_record(ref="DUP-1", title="另一个标题"), case_record(ref="ONE-1")]
    out, err = import_file(tmp_path, "cases.jsonl", jsonl_bytes(records))
    assert "新建 1 条，更新 0 条，拒绝 2 条" in out
    assert "第 1 行被拒绝：ref：案例编号 DUP-1 在文件中出现了 2 次（第 1、2 行）" in err
    assert list(CasePage.objects.values_list("ref", flat=True)) == ["ONE-1"]


def test_every_problem_of_a_line_is_named_with_its_field(tmp_path, library):
    record = case_record(ref="BAD-1", fine_yuan=-5, measures=["罚酒三杯"], industry="Z99", unit="")
    out, err = import_file(tmp_path, "cases.jsonl", jsonl_bytes([record]))
    assert "拒绝 1 条" in out
    for field, reason in [("unit", "缺少办案单位"), ("fine_yuan", "罚款金额不能为负数"), ("measures", "未知的取值：罚酒三杯"),
                          ("industry", "未知的行业代码")]:
        assert f"第 1 行被拒绝：{field}：{reason}" in err
    assert not CasePage.objects.exists()


def test_a_cell_that_cannot_be_read_is_named_and_the_rest_of_the_line_checked(tmp_path, library):
    rows = table([case_record(ref="CELL-1")])
    headings = rows[0]
    rows[1][headings.index("违反条款")] = "大气法四十五条"
    rows[1][headings.index("罚款金额（元）")] = "十二万元"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    out, err = import_file(tmp_path, "cases.csv", buffer.getvalue().encode())
    assert "第 2 行被拒绝：violated：无法识别的条款：“大气法四十五条”，应写作《法律名称》第X条第X款第（X）项" in err
    assert "第 2 行被拒绝：fine_yuan：罚款金额不是数字：“十二万元”" in err
    assert not CasePage.objects.exists()


def test_a_repeated_import_updates_and_does_not_duplicate(tmp_path, library):
    import_file(tmp_path, "cases.xlsx", xlsx_bytes([case_record(ref="AGAIN-1")]))
    out, _ = import_file(tmp_path, "cases.xlsx", xlsx_bytes([case_record(ref="AGAIN-1", title="更新后的标题")]))
    assert "新建 0 条，更新 1 条，拒绝 0 条" in out
    assert list(CasePage.objects.values_list("title", flat=True)) == ["更新后的标题"]


def test_formula_cells_are_written_quoted_and_read_back_as_typed(tmp_path, library):
    from casebase.cases.bulk_export import export_rows, with_export_fields
    from casebase.cases.formats import write_cases
    from tests.factories import create_case

    create_case(ref="FORMULA-1", unit="=HYPERLINK(\"http://x\")", publish=False)
    rows = export_rows(with_export_fields(CasePage.objects.all()), lambda url: url)
    workbook = load_workbook(io.BytesIO(write_cases(rows, "xlsx")))
    unit = workbook.active["D2"]
    assert unit.value == "'=HYPERLINK(\"http://x\")" and unit.data_type == "s"
    out, err = import_file(tmp_path, "back.xlsx", write_cases(rows, "xlsx"))
    assert "更新 1 条" in out, err
    assert CasePage.objects.get(ref="FORMULA-1").unit == "=HYPERLINK(\"http://x\")"
