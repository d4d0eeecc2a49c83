"""Document text → the parts of a case: title, the three public sections, unit and decision date.

Two kinds of documents are understood:
- a typical-case write-up, split at its headings 基本案情 / 查处情况 / 典型意义 (with the usual
  numbering and variants such as 案件概况, 处理情况, 案例评析);
- a 行政处罚决定书: the findings (经查…) become 基本案情, the legal reasoning and the decision
  (违反… 依据… 决定…) 查处情况, and 典型意义 stays empty for the submitter to write.
Anything else goes whole into 基本案情. Plain Python: no Django, no database.
"""
import datetime
import re
from dataclasses import dataclass, field

from nlp.numerals import to_int

# Headings of each public section (CasePage field name → the words that introduce it).
SECTION_HEADINGS = {
    "basic_facts": ["基本案情", "案件概况", "案情简介", "案件基本情况", "基本情况"],
    "handling": ["查处情况", "处理情况", "处罚情况", "查处结果", "处理结果", "处罚结果"],
    "significance": ["典型意义", "案例评析", "案件评析", "警示意义", "案例启示"],
}
_HEADING_WORDS = {word: name for name, words in SECTION_HEADINGS.items() for word in words}
_NUMBERING = r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．)）]|第[一二三四五六七八九十]+部分[:：]?)"
HEADING = re.compile(
    rf"^(?P<numbering>{_NUMBERING})?\s*(?P<open>[【\[])?\s*(?P<word>{'|'.join(sorted(_HEADING_WORDS, key=len, reverse=True))})"
    r"\s*[】\]]?\s*(?P<colon>[:：])?\s*(?P<rest>.*)$"
)
TITLE_PREFIX = re.compile(rf"^(?:{_NUMBERING}|(?:典型)?案例[一二三四五六七八九十\d]+\s*[:：、.．]?)\s*")
UNIT_LABEL = re.compile(r"^(?:办案单位|执法单位|发文机关|作出处罚决定的机关|供稿单位|来源)\s*[:：]\s*(?P<unit>\S.*)$")
UNIT_CREDIT = re.compile(r"^[（(](?P<unit>\S+?)供稿[）)]$")
AGENCY = re.compile(
    r"[\u4e00-\u9fa5]{2,24}?(?:生态环境(?:局|厅)|环境保护(?:局|厅)|生态环境(?:局|厅)?[\u4e00-\u9fa5]{1,8}分局"
    r"|综合行政执法局|生态环境保护综合执法(?:支队|大队))"
)
_YEAR_DIGITS = str.maketrans("〇○零Ｏ一二三四五六七八九０１２３４５６７８９", "0000" "123456789" "0123456789")
SEAL = re.compile(r"[（(](?:印章|盖章)[）)]$")
DATE = re.compile(
    r"(?P<year>[0-9０-９〇○零Ｏ一二三四五六七八九]{4})\s*年\s*(?P<month>[0-9０-９一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<day>[0-9０-９一二三四五六七八九十]{1,3})\s*日"
)
DECISION_TITLE = re.compile(r"行政处罚决定书|处罚决定书")
DECISION_SENTENCE = re.compile(r"处罚决定|决定书|作出.{0,20}处罚|予以.{0,10}处罚|处以|并处")
PARTY = re.compile(r"^(?:当事人|被处罚人|被处罚单位)(?:名称)?\s*[:：]\s*(?P<party>\S.*)$")
PARTY_DETAILS = re.compile(
    r"^(?:统一社会信用代码|营业执照|组织机构代码|法定代表人|负责人|经营者|投资人|地址|住所|住址|经营场所|生产经营场所"
    r"|身份证|公民身份号码|联系电话|联系方式|性别|出生|民族)"
)
DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\S*号$")
FINDINGS_START = re.compile(r"经查|查明|调查发现|现场检查|检查发现|违法事实")
REASONING_START = re.compile(r"(?:违反了?|不符合)\S{0,30}《|违反了?\S{0,30}规定|^(?:依据|根据|依照|按照)")
NOTICE_START = re.compile(r"行政复议|行政诉讼|逾期不缴纳|缴至|缴纳至|代收机构|指定银行|强制执行")


@dataclass
class DocumentParts:
    """What the text gives; empty strings and None where it does not tell."""

    title: str = ""
    sections: dict[str, str] = field(default_factory=lambda: {name: "" for name in SECTION_HEADINGS})
    unit: str = ""
    decided_on: datetime.date | None = None
    party: str = ""
    is_decision: bool = False
    found_headings: bool = False


def split_document(text: str) -> DocumentParts:
    """The parts of a case write-up or a 行政处罚决定书 (see the module docstring)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if any(_heading(line) for line in lines):
        return _split_write_up(lines)
    if any(DECISION_TITLE.search(line) for line in lines[:6]):
        return _split_decision(lines)
    parts = DocumentParts(title=_title(lines[:1]), unit=_unit(lines), decided_on=_decision_date(lines))
    parts.sections["basic_facts"] = "\n".join(lines[1:] if parts.title else lines)
    return parts


def parse_date(text: str) -> datetime.date | None:
    """The first complete date in `text` (2024年11月6日, 二〇二四年十一月六日…), None when none is valid."""
    for match in DATE.finditer(text):
        date = _date(match)
        if date is not None:
            return date
    return None


# --- typical-case write-ups ------------------------------------------------------------------


def _heading(line: str) -> tuple[str, str] | None:
    """(section field name, text after the heading) when `line` is a section heading."""
    match = HEADING.match(line)
    if match is None:
        return None
    marked = match["numbering"] or match["open"] or match["colon"] or not match["rest"]
    return (_HEADING_WORDS[match["word"]], match["rest"].strip()) if marked else None


def _split_write_up(lines: list[str]) -> DocumentParts:
    parts = DocumentParts(found_headings=True)
    preamble, current = [], None
    collected = {name: [] for name in SECTION_HEADINGS}
    for line in lines:
        heading = _heading(line)
        if heading is not None:
            current, rest = heading
            if rest:
                collected[current].append(rest)
        elif current is None:
            preamble.append(line)
        else:
            collected[current].append(line)
    parts.sections = {name: "\n".join(body) for name, body in collected.items()}
    parts.title = _title([line for line in preamble if not UNIT_LABEL.match(line)])
    parts.unit = _unit(lines)
    parts.decided_on = _decision_date(lines)
    return parts


def _title(candidates: list[str]) -> str:
    for line in candidates:
        title = TITLE_PREFIX.sub("", line).strip()
        if title and len(title) <= 80 and not DATE.fullmatch(title):
            return title
    return ""


def _unit(lines: list[str]) -> str:
    """The handling unit: a labelled line, a (…供稿) credit, else the first agency named (which
    may begin with a word of the sentence: 经杭州市生态环境局…)."""
    for line in lines:
        match = UNIT_LABEL.match(line) or UNIT_CREDIT.match(line)
        if match:
            return match["unit"].strip()
    for line in lines:
        match = AGENCY.search(line)
        if match:
            return match.group()
    return ""


def _decision_date(lines: list[str]) -> datetime.date | None:
    """The date in the first sentence about the penalty decision (…作出行政处罚决定, 处罚决定日期：…)."""
    for sentence in re.split(r"[。；;\n]", "\n".join(lines)):
        if DECISION_SENTENCE.search(sentence):
            date = parse_date(sentence)
            if date is not None:
                return date
    return None


def _date(match: re.Match) -> datetime.date | None:
    """The date matched by DATE; None when it is not a real date (2024年13月1日, 2月30日)."""
    year = int(match["year"].translate(_YEAR_DIGITS))
    month, day = to_int(match["month"]), to_int(match["day"])  # 十一, 3, ０３; None if unreadable
    if month is None or day is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# --- 行政处罚决定书 ---------------------------------------------------------------------------


def _split_decision(lines: list[str]) -> DocumentParts:
    body_end, unit, decided_on = _signature(lines)
    body = lines[:body_end]
    header_end = _header_end(body)
    first_after_header = next((i for i in range(header_end, len(body)) if not _is_party_line(body[i])), len(body))
    findings = _first(FINDINGS_START, body, header_end, default=first_after_header)
    reasoning = _first(REASONING_START, body, findings, default=len(body))
    notice = _first(NOTICE_START, body, reasoning, default=len(body))
    parts = DocumentParts(is_decision=True, unit=unit or _unit(body[:header_end]), decided_on=decided_on)
    parts.party = next((m["party"].strip() for m in map(PARTY.match, body) if m), "")
    parts.sections["basic_facts"] = "\n".join(body[findings:reasoning])
    parts.sections["handling"] = "\n".join(body[reasoning:notice])
    return parts


def _signature(lines: list[str]) -> tuple[int, str, datetime.date | None]:
    """(where the signature starts, the signing agency, the signing date) of a decision; the
    signature is its last line when that is a date, with the agency on the line before."""
    if not lines or not DATE.fullmatch(lines[-1]):
        return len(lines), "", _decision_date(lines)
    decided_on = parse_date(lines[-1])
    agency = SEAL.sub("", lines[-2]) if len(lines) > 1 else ""
    if AGENCY.fullmatch(agency):
        return len(lines) - 2, agency, decided_on
    return len(lines) - 1, "", decided_on


def _header_end(lines: list[str]) -> int:
    """Where the heading (agency, 行政处罚决定书, document number) and the party block end."""
    end = 0
    for index, line in enumerate(lines[:12]):
        if DECISION_TITLE.search(line) or DOCUMENT_NUMBER.search(line) or _is_party_line(line):
            end = index + 1
    return end


def _is_party_line(line: str) -> bool:
    return bool(PARTY.match(line) or PARTY_DETAILS.match(line))


def _first(pattern: re.Pattern, lines: list[str], start: int, default: int) -> int:
    """The index of the first line from `start` on that `pattern` finds, else `default`."""
    return next((i for i in range(start, len(lines)) if pattern.search(lines[i])), default)
