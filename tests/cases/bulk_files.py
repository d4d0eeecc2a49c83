"""Case files as users make them: JSONL lines, CSV with the admin's column headings (in any
encoding), XLSX workbooks; built from `tests.factories.case_record`."""
import io
import json

from openpyxl import Workbook

from casebase.cases.formats import COLUMNS, citation_text

IMPORT_COLUMNS = [column for column in COLUMNS if not column.export_only]


def cell(record: dict, name: str) -> str:
    value = record.get(name)
    if name in ("violated", "penalty_basis"):
        return "；".join(citation_text(entry) for entry in value or [])
    if isinstance(value, list):
        return "、".join(value)
    return "" if value is None else str(value)


def table(records: list[dict]) -> list[list[str]]:
    return [[c.label for c in IMPORT_COLUMNS], *([cell(r, c.field) for c in IMPORT_COLUMNS] for r in records)]


def csv_bytes(records: list[dict], encoding: str = "utf-8") -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(table(records))
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(records: list[dict]) -> bytes:
    workbook = Workbook()
    for row in table(records):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def jsonl_bytes(records: list) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records).encode()
