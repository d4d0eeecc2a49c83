"""Import cases from JSON Lines (CONTRACTS §4).

Each line is validated completely before anything of it is written; a line is
written in its own transaction, so a bad line leaves no trace and the others go on.
Importing the same `ref` again updates that case.
"""
import datetime
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from nlp import extract

from casebase.laws.resolve import find_law, find_provision
from casebase.taxonomy.models import Industry, Measure, ViolationType
from casebase.taxonomy.regions import Placement, resolve_region

from . import signals
from .library import city_index_for, submitting_division
from .models import SECTIONS, CaseCitation, CasePage

logger = logging.getLogger(__name__)

IMPORT_LOG_ACTION = "cases.import"
REQUIRED_FIELDS = {"ref": "案例编号", "title": "标题", "province": "省份", "unit": "办案单位", "decision_date": "决定日期"}
CITATION_FIELDS = {"violated": CaseCitation.Role.VIOLATED, "penalty_basis": CaseCitation.Role.BASIS}
# Where a case was first published (optional; shown on the case page as its source).
SOURCE_FIELDS = ("source_url", "publisher")
# Fields whose value must be text (or null where optional).
TEXT_FIELDS = (
    "ref", "title", "province", "city", "county", "unit", "decision_date", *(name for name, _ in SECTIONS), *SOURCE_FIELDS,
)
# The structured fields a line may give; extraction fills those it does not (CONTRACTS §4).
FACT_FIELDS = ("violated", "penalty_basis", "fine_yuan", "measures", "violation_types", "industry")
IMPORT_FIELDS = frozenset(TEXT_FIELDS) | set(FACT_FIELDS) | {"keywords", "commended"}


def unknown_keys(record) -> list[str]:
    """Keys of a line that are not import fields (e.g. a data set's own `labels` or `notes`):
    the importer ignores them, with a warning, so that a richer file still imports."""
    return sorted(set(record) - IMPORT_FIELDS) if isinstance(record, dict) else []


class LineError(Exception):
    """A line cannot be imported; `field` names the offending field."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (line number, field, message)
    published_ids: list[int] = field(default_factory=list)
    commended_ids: list[int] = field(default_factory=list)  # commended by this import
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line number, message): imported all the same


@dataclass
class CaseRecord:
    """A validated line, ready to be written."""

    ref: str
    title: str
    unit: str
    decision_date: datetime.date
    region: Placement
    sections: dict[str, str]
    fine_yuan: Decimal | None
    industry: Industry | None
    violation_types: list
    measures: list
    citations: list[CaseCitation]
    keywords: list[str]
    commended: bool
    source_url: str = ""
    publisher: str = ""


def text_to_html(text: str) -> str:
    """Plain text with one paragraph per line → rich text HTML."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in (text or "").splitlines() if line.strip())


def _parse_date(value) -> datetime.date:
    try:
        date = datetime.date.fromisoformat(str(value))
    except ValueError:
        raise LineError("decision_date", f"日期格式错误：“{value}”，应为 YYYY-MM-DD") from None
    if date > timezone.localdate():
        raise LineError("decision_date", f"决定日期 {date} 晚于今天")
    return date


def _parse_fine(value) -> Decimal | None:
    if value is None:
        return None
    try:
        fine = Decimal(str(value))
    except InvalidOperation:
        raise LineError("fine_yuan", f"罚款金额不是数字：“{value}”") from None
    if not fine.is_finite() or fine < 0:
        raise LineError("fine_yuan", f"罚款金额不能为负数或非数字：{value}")
    return fine


def _text_list(values, field_name: str, what: str = "文本") -> list[str]:
    values = values or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LineError(field_name, f"应为{what}的列表")
    return values


def _check_text_fields(record: dict) -> None:
    for name in TEXT_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise LineError(name, f"应为文本，而不是 {json.dumps(record[name], ensure_ascii=False)[:40]}")


def _vocabulary(model, names, field_name: str) -> list:
    names = _text_list(names, field_name, "名称")
    found = {obj.name: obj for obj in model.objects.filter(name__in=names)}
    unknown = [n for n in names if n not in found]
    if unknown:
        raise LineError(field_name, f"未知的取值：{'、'.join(map(str, unknown))}")
    return [found[n] for n in names]


def _industry(code) -> Industry | None:
    if not code:
        return None
    industry = Industry.objects.filter(code=str(code).strip().upper()).first()
    if industry is None:
        raise LineError("industry", f"未知的行业代码：{code}")
    return industry


def _citations(record: dict, decided_on: datetime.date, extracted: set[str]) -> list[CaseCitation]:
    """The line's citations, checked strictly. Citations that extraction found (for a field the
    line does not give) are kept leniently: a law Casebase does not hold keeps its own title
    (local regulations), and a provision that does not resolve is left out."""
    citations = []
    for field_name, role in CITATION_FIELDS.items():
        entries = record.get(field_name) or []
        if not isinstance(entries, list):
            raise LineError(field_name, "应为条款列表")
        for position, entry in enumerate(entries):
            try:
                citations.append(_citation(entry, role, f"{field_name}[{position}]", decided_on))
            except LineError:
                if field_name not in extracted:
                    raise
                if find_law(entry["law"], on=decided_on) is None:
                    citations.append(CaseCitation(role=role, law_title=entry["law"], article=entry.get("article"),
                                                  paragraph=entry.get("paragraph"), item=entry.get("item")))
    return citations


def fill_from_text(record: dict, decided_on: datetime.date, facts: dict | None = None) -> tuple[dict, set[str]]:
    """The record with every structured field it does not give filled by extraction from its
    title and sections (CONTRACTS §4), and the names of the fields so filled. A caller that has
    already extracted the record's text passes those `facts` instead of extracting again."""
    missing = {name for name in FACT_FIELDS if name not in record}
    if not missing:
        return record, missing
    if facts is None:
        text = "\n".join(str(record.get(name) or "") for name in ("title", *(name for name, _ in SECTIONS)))
        facts = extract(text, decided_on).to_dict()
    facts = {**facts}
    facts["industry"] = (facts["industry"] or {}).get("code")
    return {**record, **{name: facts[name] for name in missing}}, missing


def _citation(entry, role, field_name: str, decided_on: datetime.date) -> CaseCitation:
    if not isinstance(entry, dict) or not entry.get("law"):
        raise LineError(field_name, "条款应包含 law 字段")
    if not isinstance(entry["law"], str):
        raise LineError(field_name, "law 应为法律法规名称（文本）")
    law = find_law(entry["law"], on=decided_on)
    if law is None:
        raise LineError(field_name, f"未知的法律法规：“{entry['law']}”")
    numbers = {}
    for part in ("article", "paragraph", "item"):
        value = entry.get(part)
        if value is not None and (not isinstance(value, int) or value <= 0):
            raise LineError(field_name, f"{part} 应为正整数：{value}")
        numbers[part] = value
    citation = CaseCitation(role=role, law_title=law.title, **numbers)
    if numbers["article"] and law.version_in_force(decided_on) is not None:
        citation.provision = find_provision(law, on=decided_on, **numbers)
        if citation.provision is None:
            raise LineError(field_name, f"《{law.title}》（{decided_on} 时有效的版本）中没有{citation.label}")
    citation.mark_resolved(decided_on)
    return citation


def validate(record, facts: dict | None = None) -> CaseRecord:
    """Checks every field of one line; raises LineError naming the first bad field.
    `facts`: the extraction of the record's text, when the caller already has it."""
    if not isinstance(record, dict):
        raise LineError("(整行)", "每行应为一个 JSON 对象")
    _check_text_fields(record)
    for key, label in REQUIRED_FIELDS.items():
        if not str(record.get(key) or "").strip():
            raise LineError(key, f"缺少{label}")
    decided_on = _parse_date(record["decision_date"])
    record, extracted = fill_from_text(record, decided_on, facts)
    try:
        region = resolve_region(record["province"], record.get("city"), record.get("county"))
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise LineError(field_name, messages[0]) from None
    return CaseRecord(
        ref=str(record["ref"]).strip(),
        title=str(record["title"]).strip(),
        unit=str(record["unit"]).strip(),
        decision_date=decided_on,
        region=region,
        sections={name: text_to_html(record.get(name) or "") for name, _ in SECTIONS},
        fine_yuan=_parse_fine(record.get("fine_yuan")),
        industry=_industry(record.get("industry")),
        violation_types=_vocabulary(ViolationType, record.get("violation_types"), "violation_types"),
        measures=_vocabulary(Measure, record.get("measures"), "measures"),
        citations=_citations(record, decided_on, extracted),
        keywords=_text_list(record.get("keywords"), "keywords", "关键词"),
        commended=bool(record.get("commended")),
        **{name: str(record.get(name) or "").strip() for name in SOURCE_FIELDS},
    )


class CaseImporter:
    """Writes validated lines as case pages; `publish` publishes them at once.
    With `skip_existing`, lines whose ref is already in Casebase are left alone
    (the demo loader must not overwrite what reviewers did with the demo cases)."""

    def __init__(self, publish: bool = False, user=None, skip_existing: bool = False):
        self.publish = publish
        self.user = user
        self.skip_existing = skip_existing

    def run(self, lines: Iterable[str], on_line=None) -> ImportResult:
        """Writes the lines; what follows cases (the index) waits for `announce`."""
        with signals.batch():
            return self._run(lines, on_line)

    def announce(self, result: ImportResult) -> None:
        """Tells the apps that follow cases (search) about every case this import published
        or commended, once for all of them; returns when they are done with them."""
        page_ids = [*result.published_ids, *result.commended_ids]
        if page_ids:
            signals.cases_imported.send(sender=CaseImporter, page_ids=page_ids)

    def _run(self, lines: Iterable[str], on_line=None) -> ImportResult:
        result = ImportResult()
        for number, line in enumerate(lines, start=1):
            if on_line:
                on_line()
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                if self.skip_existing and isinstance(raw, dict) and CasePage.objects.filter(ref=raw.get("ref")).exists():
                    result.skipped += 1
                    continue
                record = validate(raw)
                with transaction.atomic():
                    case, created = self.write(record)
            except json.JSONDecodeError as exc:
                self._reject(result, number, "(整行)", f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）")
            except LineError as exc:
                self._reject(result, number, exc.field, exc.message)
            except ValidationError as exc:
                field_name, messages = next(iter(exc.message_dict.items())) if hasattr(exc, "error_dict") else ("(整行)", exc.messages)
                self._reject(result, number, field_name, "；".join(messages))
            else:
                result.created += created
                result.updated += not created
                if ignored := unknown_keys(raw):
                    self._warn(result, number, f"已忽略不是导入字段的键：{'、'.join(ignored)}", f"ignored unknown keys {ignored}")
                if record.region.warning:
                    self._warn(result, number, record.region.warning, "place %r kept as text, unresolved: %s"
                               % (record.region.as_written, record.region.unresolved))
                if self.publish:
                    result.published_ids.append(case.pk)
                elif record.commended:
                    result.commended_ids.append(case.pk)
        return result

    @staticmethod
    def _reject(result: ImportResult, number: int, field_name: str, message: str) -> None:
        logger.warning("import line %s rejected: %s: %s", number, field_name, message)
        result.rejected.append((number, field_name, message))

    @staticmethod
    def _warn(result: ImportResult, number: int, message: str, log_message: str) -> None:
        logger.warning("import line %s: %s", number, log_message)
        result.warnings.append((number, message))

    def write(self, record: CaseRecord) -> tuple[CasePage, bool]:
        case = CasePage.objects.filter(ref=record.ref).first()
        created = case is None
        province, city, county = record.region.as_tuple()
        if created:
            case = CasePage(ref=record.ref, slug=record.ref.lower(), live=False)
        case.title = record.title
        case.unit = record.unit
        case.decision_date = record.decision_date
        case.province, case.city, case.county = province, city, county
        case.place_as_written = record.region.as_written
        for name, html in record.sections.items():
            setattr(case, name, html)
        case.fine_yuan = record.fine_yuan
        case.source_url, case.publisher = record.source_url, record.publisher
        case.industry = record.industry
        case.violation_types = record.violation_types
        case.measures = record.measures
        case.citations = record.citations
        case.keywords.set(record.keywords, clear=True)
        if created:
            city_index_for(submitting_division(province, city)).add_child(instance=case)
        revision = case.save_revision(user=self.user, log_action=True)
        if self.publish:
            revision.publish(user=self.user, log_action=IMPORT_LOG_ACTION)
        if record.commended and case.commended_on is None:
            case.commend(record.unit, on=record.decision_date)
        return case, created
