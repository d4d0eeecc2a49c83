"""Search results exported as JSONL (the import format) and XLSX, with the structured fields:
importing the export again updates the same cases."""
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from casebase.cases.models import CasePage

pytestmark = pytest.mark.django_db


def test_search_results_export_as_jsonl_that_imports_as_updates(client, corpus, tmp_path):
    from django.core.management import call_command

    exported = client.get("/search/export.jsonl", {"violation_type": "大气污染", "sort": "-date"})
    records = [json.loads(line) for line in exported.content.decode().splitlines()]
    assert [r["ref"] for r in records] == ["T-AIR-1", "T-DUST-1", "T-AIR-2"]
    assert records[1]["penalty_basis"] == [{"law": "中华人民共和国大气污染防治法", "article": 117, "paragraph": None, "item": 1}]
    assert (records[1]["fine_yuan"], records[1]["industry"], records[1]["city"]) == (30000, "C30", "昆明市")
    path = tmp_path / "export.jsonl"
    path.write_bytes(exported.content)
    out = io.StringIO()
    call_command("import_cases", str(path), "--publish", stdout=out, stderr=io.StringIO())
    assert "新建 0 条，更新 3 条，拒绝 0 条" in out.getvalue()
    assert CasePage.objects.count() == 4
    xlsx = client.get("/search/export.xlsx", {"violation_type": "大气污染"})
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 4
