"""Case files in and out: JSON Lines (CONTRACTS §4), CSV and XLSX.

Reading turns an uploaded file into `ImportLine`s (one per case, numbered as the user sees the
file: the line of a JSONL file, the row of a spreadsheet) for `importer.CaseImporter`; a file
that cannot be read at all raises `FileRefused` with the reason in Chinese. Every limit is
checked before the content is expanded in memory: the size of the file, the declared size of
an XLSX's parts, and the number of lines (counted while reading, never past the limit).

Writing turns cases into the same records, so that a file exported here imports again and
updates the same cases (matched by ref). The spreadsheet columns carry the structured fields
as text a person can edit: citations as 《法律》第四十五条；…, lists joined by 、, and 无 for
"none" (an empty cell means "not given": extraction fills it on import).
"""
import csv
import datetime
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

import charset_normalizer
import filetype
from bs4 import BeautifulSoup
from openpyxl import Workbook, load_workbook

from casebase.laws.numbering import ITEM_MARK, cn_to_int, provision_label
from casebase.laws.resolve import find_law

from .importer import LineError
from .models import SECTIONS, CaseCitation

FORMATS = ("jsonl", "csv", "xlsx")
CONTENT_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_NAMES = {"jsonl": "JSONL", "csv": "CSV", "xlsx": "Excel（.xlsx）"}
NONE_MARK = "无"  # a spreadsheet cell saying "none" (an empty cell says "not given")
EXTERNAL_MARK = "（本库未收录）"  # after a citation of a law Casebase does not hold
LIST_SEPARATORS = re.compile(r"[、，,；;\n]+")
CITATION_SEPARATORS = re.compile(r"[；;\n]+")
# A cell starting with one of these is a formula to spreadsheets (CSV injection, OWASP): exports
# put a ' before it, imports take that ' off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Parts of an XLSX are expanded in memory by openpyxl: their declared total size is capped.
XLSX_MAX_EXPANDED_BYTES = 64 * 1024 * 1024
MAX_COLUMNS = 64


@dataclass(frozen=True)
class Column:
    field: str  # the import field (CONTRACTS §4), or a name of its own for export-only columns
    label: str
    export_only: bool = False


# The spreadsheet columns, in order. The first ones keep the search page's historical CSV layout.
COLUMNS = [
    Column("ref", "案例编号"), Column("title", "标题"), Column("region", "地区", export_only=True),
    Column("unit", "办案单位"), Column("decision_date", "决定日期"), Column("violation_types", "违法类型"),
    Column("fine_yuan", "罚款金额（元）"), Column("province", "省份"), Column("city", "地市"), Column("county", "区县"),
    Column("industry", "行业代码"), Column("industry_name", "行业", export_only=True), Column("measures", "处理措施"),
    Column("violated", "违反条款"), Column("penalty_basis", "处罚依据"), Column("keywords", "关键词"),
    *(Column(name, heading) for name, heading in SECTIONS),
    Column("commended", "优秀案例"), Column("publisher", "发布机关"), Column("source_url", "来源网址"),
    Column("status", "状态", export_only=True), Column("url", "链接", export_only=True),
]
COLUMN_BY_HEADING = {key: column for column in COLUMNS for key in (column.label, column.field)}
LIST_FIELDS = ("violation_types", "measures", "keywords")
CITATION_FIELDS = ("violated", "penalty_basis")
FIELD_LABELS = {column.field: column.label for column in COLUMNS}


class FileRefused(Exception):
    """The file as a whole cannot be imported; `message` is for the user, `detail` for the log."""

    def __init__(self, message: str, detail: str):
        super().__init__(detail)
        self.message = message
        self.detail = detail


@dataclass
class ImportLine:
    """One case of a file as read: its line (or row) number, its record, and the problems of
    cells that could not be read (the rest of the line is still checked)."""

    number: int
    record: dict | None
    problems: list[LineError] = field(default_factory=list)


@dataclass
class ReadFile:
    lines: list[ImportLine]
    fmt: str
    encoding: str = ""
    ignored_columns: list[str] = field(default_factory=list)


def format_of(name: str) -> str | None:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl", "csv": "csv", "txt": "csv", "xlsx": "xlsx"}.get(suffix)


def check_file(data: bytes, name: str) -> str:
    """The format of the file `name`, after the checks that need no parsing: its kind, its
    encoding, the expanded size of a workbook. Raises FileRefused. Quick whatever the file
    holds, so the web process runs it on upload and leaves the reading to the worker."""
    fmt = format_of(name)
    if fmt is None:
        raise FileRefused(f"不支持的文件类型：“{name}”。请上传 JSONL（.jsonl）、CSV（.csv）或 Excel（.xlsx）文件。",
                          f"unsupported extension of {name!r}")
    if not data.strip():
        raise FileRefused(f"“{name}”是空文件。", "empty file")
    _check_content_type(data, name, fmt)
    if fmt == "xlsx":
        _check_workbook(data, name)
    else:
        decode_text(data, name)
    return fmt


def read_file(data: bytes, name: str, limit: int | None = None) -> ReadFile:
    """The lines of the file `name`; raises FileRefused when it cannot be read, or when it holds
    more than `limit` cases (counted while reading: the rest is never parsed)."""
    fmt = check_file(data, name)
    if fmt == "xlsx":
        lines, ignored = _read_xlsx(data, name, limit)
        return ReadFile(lines, fmt="xlsx", ignored_columns=ignored)
    text, encoding = decode_text(data, name)
    if fmt == "jsonl":
        return ReadFile(read_jsonl(text.splitlines(), name, limit), fmt="jsonl", encoding=encoding)
    lines, ignored = _read_table(_csv_rows(text), name, limit)
    return ReadFile(lines, fmt="csv", encoding=encoding, ignored_columns=ignored)


def _check_content_type(data: bytes, name: str, fmt: str) -> None:
    """A file whose content is of another type (a picture renamed .csv, an old .xls) is refused
    by what it is, before any attempt to read it."""
    kind = filetype.guess(data[:8192])
    is_zip = data[:4] == b"PK\x03\x04"
    if fmt == "xlsx":
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise FileRefused(f"“{name}”是旧版 Excel（.xls）或加密的文件，请在 Excel 中另存为 .xlsx 后再上传。", "OLE2 file")
        if not is_zip:
            what = f"是{_kind_words(kind)}" if kind else "可能是改了扩展名的文本文件"
            raise FileRefused(f"“{name}”的内容不是 Excel（.xlsx）文件（{what}），请检查文件。", f"not a zip: {kind and kind.mime}")
        return
    if is_zip or (kind is not None and not kind.mime.startswith("text/")):
        what = "Excel 或其他压缩文件" if is_zip else _kind_words(kind)
        raise FileRefused(f"“{name}”的内容不是文本（是{what}），请上传 {FORMAT_NAMES[fmt]} 文本文件。",
                          f"binary content: {kind.mime if kind else 'zip'}")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(f"“{name}”含有二进制内容，不是 {FORMAT_NAMES[fmt]} 文本文件。", "NUL bytes in a text file")


def _kind_words(kind) -> str:
    """filetype's guess in words: "PNG 图片", "PDF 文件"."""
    noun = {"image": "图片", "video": "视频", "audio": "音频"}.get(kind.mime.split("/")[0], "文件")
    return f"{kind.extension.upper()} {noun}"


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of `data` and its encoding: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's
    "Unicode text"), or what charset-normalizer finds (GBK/GB18030 from Excel on Chinese
    Windows). A UTF-8 file damaged in places is refused with the line of the first damage,
    rather than read as another encoding."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _strict_decode(data, encoding, name), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc.start
    loose = data.decode("utf-8", errors="replace")
    damaged = loose.count("\ufffd")
    valid = len(loose) - len(loose.encode("ascii", "ignore")) - damaged  # characters beyond ASCII, well formed
    if valid >= 4 * damaged:  # mostly good UTF-8: damage, not another encoding
        line = data[:first_error].count(b"\n") + 1
        raise FileRefused(f"“{name}”第 {line} 行的编码已损坏（不是有效的 UTF-8），请修复或重新导出后再上传。",
                          f"invalid UTF-8 at byte {first_error} (line {line}), {damaged} bad sequences")
    sample = data[:32768].rpartition(b"\n")[0] or data[:32768]  # whole lines: no character cut in two
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise FileRefused(f"无法识别“{name}”的文字编码，请另存为 UTF-8 编码后再上传。", "charset-normalizer found no encoding")
    return _strict_decode(data, best.encoding, name), best.encoding


def _strict_decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise FileRefused(f"“{name}”第 {line} 行的编码已损坏（按 {encoding} 无法读取），请修复或另存为 UTF-8 后再上传。",
                          f"cannot decode as {encoding} at byte {exc.start}") from None


def _too_many_lines(name: str, limit: int) -> FileRefused:
    return FileRefused(f"“{name}”超过每次导入的上限 {limit} 条案例，请拆分为每份不超过 {limit} 条后分批上传。",
                       f"more than {limit} lines")


def read_jsonl(text_lines, name: str = "文件", limit: int | None = None) -> list[ImportLine]:
    """One JSON object per line; blank lines are skipped but counted."""
    lines = []
    for number, text in enumerate(text_lines, start=1):
        if not text.strip():
            continue
        if limit is not None and len(lines) >= limit:
            raise _too_many_lines(name, limit)
        try:
            lines.append(ImportLine(number, json.loads(text)))
        except json.JSONDecodeError as exc:
            lines.append(ImportLine(number, None, [LineError("(整行)", f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）")]))
    return lines


def _csv_rows(text: str):
    """Comma-separated, or tab-separated as Excel's "Unicode text" writes it (told by the headings)."""
    headings = text.split("\n", 1)[0]
    return csv.reader(io.StringIO(text), delimiter="\t" if headings.count("\t") > headings.count(",") else ",")


def _check_workbook(data: bytes, name: str) -> None:
    """Before openpyxl opens a workbook: the declared sizes of its parts bound what it will hold
    (a zip member never expands past the size it declares: zipfile stops there). Its rows are
    counted by the worker while reading, empty (formatted only) rows not counted."""
    try:
        expanded = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"“{name}”已损坏，无法作为 Excel 文件打开。", f"bad zip: {exc}") from None
    if expanded > XLSX_MAX_EXPANDED_BYTES:
        raise FileRefused(f"“{name}”解压后过大（{expanded // 1048576} MB），请拆分后分批上传。", f"expands to {expanded} bytes")


def _read_xlsx(data: bytes, name: str, limit: int | None) -> tuple[list[ImportLine], list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise FileRefused(f"“{name}”已损坏或不是 Excel 工作簿，无法读取。", f"openpyxl: {type(exc).__name__}: {exc}") from None
    try:
        # Columns past the template's are never read (a row may claim 16,384 of them).
        return _read_table(workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS), name, limit)
    finally:
        workbook.close()


def _read_table(rows, name: str, limit: int | None) -> tuple[list[ImportLine], list[str]]:
    """Spreadsheet rows (the first holds the headings) → lines numbered by row."""
    rows = iter(rows)
    headings = [_cell_text(value) for value in next(rows, None) or []]
    columns = [COLUMN_BY_HEADING.get(heading) for heading in headings]
    known = {column.field for column in columns if column}
    missing = [FIELD_LABELS[key] for key in ("ref", "title", "province", "unit", "decision_date") if key not in known]
    if missing:
        raise FileRefused(f"“{name}”的第 1 行应为列名，缺少必需的列：{'、'.join(missing)}（可下载导入模板参考）。",
                          f"missing columns {missing}; headings {headings[:30]}")
    ignored = [heading for heading, column in zip(headings, columns) if heading and column is None]
    lines = []
    for number, row in enumerate(rows, start=2):
        cells = {column.field: value for column, value in zip(columns, row)
                 if column and not column.export_only and _cell_text(value)}
        if not cells:
            continue
        if limit is not None and len(lines) >= limit:
            raise _too_many_lines(name, limit)
        lines.append(_table_line(number, cells))
    return lines, ignored


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _table_line(number: int, cells: dict) -> ImportLine:
    record, problems = {}, []
    for name, value in cells.items():
        try:
            record[name] = _cell_value(name, value)
        except LineError as problem:
            problems.append(problem)
    return ImportLine(number, record, problems)


def _cell_value(name: str, value):
    text = _cell_text(value)
    if name == "decision_date":
        return _cell_date(value, text)
    if name == "commended":
        return text in ("是", "1", "true", "True", "TRUE", "优秀")
    if text == NONE_MARK and name in (*LIST_FIELDS, *CITATION_FIELDS, "fine_yuan", "industry"):
        return [] if name in (*LIST_FIELDS, *CITATION_FIELDS) else None
    if name in LIST_FIELDS:
        return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]
    if name in CITATION_FIELDS:
        return [parse_citation(part.strip(), name) for part in CITATION_SEPARATORS.split(text) if part.strip()]
    if name == "fine_yuan":
        return text.replace(",", "").replace("，", "")
    if name == "industry":
        return text.split()[0]
    return text


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _cell_date(value, text: str) -> str:
    """Dates as Excel stores them (a date cell) or as people type them (2024/11/6, 2024年11月6日)."""
    if isinstance(value, datetime.datetime | datetime.date):
        return (value.date() if isinstance(value, datetime.datetime) else value).isoformat()
    match = _DATE.match(text)
    if match:
        year, month, day = map(int, match.groups())
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            pass
    return text  # the importer explains what is wrong with it


_CN = r"[零〇一二两三四五六七八九十百千\d]+"
_CITATION = re.compile(
    rf"^《(?P<law>[^》]+)》\s*(?:第(?P<article>{_CN})条(?:之{_CN})?)?\s*(?:第(?P<paragraph>{_CN})款)?\s*"
    rf"(?:第?(?P<item>[（(]{_CN}[)）])项?)?\s*(?P<external>{re.escape(EXTERNAL_MARK)})?$"
)


def _number(text: str | None) -> int | None:
    if not text:
        return None
    text = ITEM_MARK.sub(r"\1", text).strip("（）()")
    return int(text) if text.isdigit() else cn_to_int(text)


def parse_citation(text: str, field_name: str) -> dict:
    """《中华人民共和国大气污染防治法》第一百零八条第一款第（一）项 → a citation entry."""
    match = _CITATION.match(text)
    if match is None:
        raise LineError(field_name, f"无法识别的条款：“{text[:60]}”，应写作《法律名称》第X条第X款第（X）项，多条以；分隔")
    entry = {"law": match["law"].strip(), **{part: _number(match[part]) for part in ("article", "paragraph", "item")}}
    if match["external"]:
        entry["external"] = True
    return entry


# --- writing ---------------------------------------------------------------------------------

def html_to_text(html: str) -> str:
    """Rich text → plain text, one paragraph (or list item, heading) per line: what the import
    turns back into the same paragraphs."""
    soup = BeautifulSoup(html or "", "html.parser")
    blocks = soup.find_all(["p", "li", "h3", "h4"]) or [soup]
    return "\n".join(text for block in blocks if (text := block.get_text(" ", strip=True)))


def citation_entry(citation: CaseCitation) -> dict:
    entry = {"law": citation.law_title, "article": citation.article, "paragraph": citation.paragraph, "item": citation.item}
    if citation.provision_id is None and _law_unknown(citation.law_title):
        entry["external"] = True
    return entry


def _law_unknown(title: str) -> bool:
    return find_law(title) is None


def record_of(case) -> dict:
    """The import record (CONTRACTS §4) of `case`: importing it again updates the same case."""
    citations = {name: [] for name in CITATION_FIELDS}
    for citation in case.citations.all():
        citations["violated" if citation.role == CaseCitation.Role.VIOLATED else "penalty_basis"].append(citation_entry(citation))
    fine = case.fine_yuan
    return {
        "ref": case.ref, "title": case.title,
        "province": case.province.name, "city": case.city.name if case.city_id else None,
        "county": case.county.name if case.county_id else None,
        "unit": case.unit, "decision_date": case.decision_date.isoformat(),
        **{name: html_to_text(getattr(case, name)) for name, _ in SECTIONS},
        **citations,
        "fine_yuan": None if fine is None else (int(fine) if fine == fine.to_integral() else float(fine)),
        "measures": sorted(m.name for m in case.measures.all()),
        "violation_types": sorted(v.name for v in case.violation_types.all()),
        "industry": case.industry.code if case.industry_id else None,
        "keywords": sorted(k.name for k in case.keywords.all()),
        "commended": case.commended_on is not None,
        "publisher": case.publisher, "source_url": case.source_url,
    }


def citation_text(entry: dict) -> str:
    label = provision_label(entry["article"], entry["paragraph"], entry["item"]) if entry.get("article") else ""
    return f"《{entry['law']}》{label}{EXTERNAL_MARK if entry.get('external') else ''}"


def _row_value(column: Column, record: dict, extra: dict):
    if column.export_only:
        return extra.get(column.field, "")
    value = record.get(column.field)
    if column.field in CITATION_FIELDS:
        return "；".join(citation_text(entry) for entry in value) or NONE_MARK
    if column.field in LIST_FIELDS:
        return "、".join(value) or (NONE_MARK if column.field != "keywords" else "")
    if column.field in ("fine_yuan", "industry") and value is None:
        return NONE_MARK
    if column.field == "commended":
        return "是" if value else ""
    return "" if value is None else value


def _safe(value):
    """A text cell that a spreadsheet would run as a formula is written with a ' before it."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def table_rows(rows: list[tuple[dict, dict]]):
    """(record, export-only values) pairs → the heading row, then one row per case."""
    yield [column.label for column in COLUMNS]
    for record, extra in rows:
        yield [_safe(_row_value(column, record, extra)) for column in COLUMNS]


def write_jsonl(records) -> bytes:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()


def write_csv(rows: list[tuple[dict, dict]]) -> bytes:
    """UTF-8 with BOM, so that spreadsheet programs read the Chinese."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(table_rows(rows))
    return buffer.getvalue().encode()


def write_xlsx(rows: list[tuple[dict, dict]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("案例")
    for row in table_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_cases(rows: list[tuple[dict, dict]], fmt: str) -> bytes:
    """`rows`: (import record, export-only values such as `url`, `region`, `status`) per case."""
    if fmt == "jsonl":
        return write_jsonl(record for record, _ in rows)
    return write_csv(rows) if fmt == "csv" else write_xlsx(rows)
