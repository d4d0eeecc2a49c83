"""Reading case files for the admin's 批量导入 (casebase/cases/formats.py), as the web process does:

    .venv/bin/python benchmarks/bulk_files.py

Prints the time and peak Python memory (tracemalloc) of `check_file` (what the web process does
on upload) and `read_file` (what the worker does) for 2,000-line files (the limit) in CSV
(UTF-8, GBK), JSONL and XLSX, and for files of 100,000 short lines within the 10 MB upload limit,
which must be refused quickly, without reading them whole. No database is touched.
"""
import csv
import io
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebase.settings.dev")

LIMIT = 2000
FACTS = "2024年8月，执法人员检查发现该公司调漆、喷涂工序未在密闭空间进行，废气未经收集直接排放。" * 4


def rows(count: int) -> list[list[str]]:
    facts = FACTS if count <= LIMIT else "略"  # 100,000 lines stay under the upload limit
    return [["案例编号", "标题", "省份", "地市", "办案单位", "决定日期", "基本案情"],
            *([f"B-{n:06d}", "某化工公司废气案", "浙江省", "杭州市", "杭州市生态环境局", "2024-11-06", facts]
              for n in range(count))]


def csv_file(count: int, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows(count))
    return buffer.getvalue().encode(encoding)


def jsonl_file(count: int) -> bytes:
    heading, *data = rows(count)
    keys = ["ref", "title", "province", "city", "unit", "decision_date", "basic_facts"]
    return "\n".join(json.dumps(dict(zip(keys, row)), ensure_ascii=False) for row in data).encode()


def xlsx_file(count: int, write_only: bool = True) -> bytes:
    """write_only: as openpyxl streams it (no <dimension>, inline strings); otherwise as Excel
    saves it (with <dimension>)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet() if write_only else workbook.active
    for row in rows(count):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(function, *args) -> tuple[float, float, str]:
    from casebase.cases.formats import FileRefused

    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = function(*args)
        outcome = f"{len(result.lines)} lines read" if hasattr(result, "lines") else "accepted"
    except FileRefused as refusal:
        outcome = f"refused: {refusal.detail}"
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed * 1000, peak / 1048576, outcome


def measure(name: str, data: bytes) -> None:
    from casebase.cases.formats import check_file, read_file

    web = timed(check_file, data, name)
    worker = timed(read_file, data, name, LIMIT)
    print(f"{name:14} {len(data) / 1048576:5.1f} MB | upload check {web[0]:6.0f} ms {web[1]:5.1f} MB {web[2]:10} "
          f"| worker read {worker[0]:6.0f} ms {worker[1]:5.1f} MB {worker[2]}")


def main() -> None:
    import django

    django.setup()
    print(f"time and peak memory; limit {LIMIT} lines")
    measure("2000-utf8.csv", csv_file(2000))
    measure("2000-gbk.csv", csv_file(2000, "gbk"))
    measure("2000.jsonl", jsonl_file(2000))
    measure("2000.xlsx", xlsx_file(2000))
    measure("100000.csv", csv_file(100_000))
    measure("100000.jsonl", jsonl_file(100_000))
    measure("100000.xlsx", xlsx_file(100_000, write_only=False))
    measure("100000-nodim.xlsx", xlsx_file(100_000))


if __name__ == "__main__":
    main()
