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


class LineErrors(LineError):
    """Every problem of one line (each a LineError naming its field); reads as the first."""

    def __init__(self, problems: list[LineError]):
        super().__init__(problems[0].field, problems[0].message)
        self.problems = problems


class Problems:
    """Collects the LineErrors of a line's independent checks, so that a user sees all of them."""

    def __init__(self, problems: list[LineError] | None = None):
        self.found = list(problems or [])

    def check(self, function, *args, default=None):
        try:
            return function(*args)
        except LineErrors as errors:
            self.found.extend(errors.problems)
        except LineError as error:
            self.found.append(error)
        return default

    def raise_any(self) -> None:
        if self.found:
            raise LineErrors(self.found)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (line number, field, message)
    published_ids: list[int] = field(default_factory=list)
    commended_ids: list[int] = field(default_factory=list)  # commended by this import
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line number, message): imported all the same

    @property
    def rejected_count(self) -> int:
        """Lines refused (a line may be refused for several fields)."""
        return len({number for number, _, _ in self.rejected})


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
    extracted: frozenset = frozenset()  # the fact fields extraction filled (the line did not give them)


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
    problems = [
        LineError(name, f"应为文本，而不是 {json.dumps(record[name], ensure_ascii=False)[:40]}")
        for name in TEXT_FIELDS if record.get(name) is not None and not isinstance(record[name], str)
    ]
    if problems:
        raise LineErrors(problems)


def _check_required(record: dict) -> None:
    problems = [LineError(key, f"缺少{label}") for key, label in REQUIRED_FIELDS.items() if not str(record.get(key) or "").strip()]
    if problems:
        raise LineErrors(problems)


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
    citations, problems = [], Problems()
    for field_name, role in CITATION_FIELDS.items():
        entries = record.get(field_name) or []
        if not isinstance(entries, list):
            problems.found.append(LineError(field_name, "应为条款列表"))
            continue
        for position, entry in enumerate(entries):
            try:
                citations.append(_citation(entry, role, f"{field_name}[{position}]", decided_on))
            except LineError as error:
                if field_name not in extracted:
                    problems.found.append(error)
                elif find_law(entry["law"], on=decided_on) is None:
                    citations.append(_external_citation(entry, role))
    problems.raise_any()
    return citations


def _external_citation(entry: dict, role) -> CaseCitation:
    """A citation of a law Casebase does not hold (a local regulation): kept with its own title."""
    return CaseCitation(role=role, law_title=entry["law"], article=entry.get("article"),
                        paragraph=entry.get("paragraph"), item=entry.get("item"))


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
    numbers = {}
    for part in ("article", "paragraph", "item"):
        value = entry.get(part)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            raise LineError(field_name, f"{part} 应为正整数：{value}")
        numbers[part] = value
    law = find_law(entry["law"], on=decided_on)
    if law is None:
        if entry.get("external") is True:  # marked by an export: a law Casebase does not hold
            return _external_citation(entry, role)
        raise LineError(field_name, f"未知的法律法规：“{entry['law']}”（本库未收录的法规请在条目中注明 \"external\": true）")
    citation = CaseCitation(role=role, law_title=law.title, **numbers)
    if numbers["article"] and law.version_in_force(decided_on) is not None:
        citation.provision = find_provision(law, on=decided_on, **numbers)
        if citation.provision is None:
            raise LineError(field_name, f"《{law.title}》（{decided_on} 时有效的版本）中没有{citation.label}")
    citation.mark_resolved(decided_on)
    return citation


def validate(record, facts: dict | None = None, problems: list[LineError] | None = None) -> CaseRecord:
    """Checks every field of one line; raises LineErrors naming each bad field (`problems` adds
    those already found while reading the line, e.g. a spreadsheet cell that could not be read).
    `facts`: the extraction of the record's text, when the caller already has it."""
    if not isinstance(record, dict):
        raise LineErrors([*(problems or []), LineError("(整行)", "每行应为一个 JSON 对象")])
    found = Problems(problems)
    found.check(_check_text_fields, record)
    found.check(_check_required, record)
    unusable = {problem.field for problem in found.found}  # the checks below need these as text
    decided_on = None if "decision_date" in unusable else found.check(_parse_date, record["decision_date"])
    record, extracted = fill_from_text(record, decided_on, facts) if decided_on else (record, set())
    region = None if unusable & {"province", "city", "county"} else found.check(_region, record)
    values = {
        "fine_yuan": found.check(_parse_fine, record.get("fine_yuan")),
        "industry": found.check(_industry, record.get("industry")),
        "violation_types": found.check(_vocabulary, ViolationType, record.get("violation_types"), "violation_types"),
        "measures": found.check(_vocabulary, Measure, record.get("measures"), "measures"),
        "citations": found.check(_citations, record, decided_on, extracted) if decided_on else [],
        "keywords": found.check(_text_list, record.get("keywords"), "keywords", "关键词"),
    }
    found.raise_any()
    return CaseRecord(
        ref=str(record["ref"]).strip(),
        title=str(record["title"]).strip(),
        unit=str(record["unit"]).strip(),
        decision_date=decided_on,
        region=region,
        sections={name: text_to_html(record.get(name) or "") for name, _ in SECTIONS},
        commended=bool(record.get("commended")),
        extracted=frozenset(extracted),
        **values,
        **{name: str(record.get(name) or "").strip() for name in SOURCE_FIELDS},
    )


def _region(record: dict) -> Placement:
    try:
        return resolve_region(record["province"], record.get("city"), record.get("county"))
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise LineError(field_name, messages[0]) from None


def duplicate_refs(lines) -> dict[int, str]:
    """Line number → refusal, for every line whose ref another line of the same file also uses:
    which of them is meant cannot be known, so none of them is imported."""
    numbers: dict[str, list[int]] = {}
    for line in lines:
        ref = line.record.get("ref") if isinstance(line.record, dict) else None
        if isinstance(ref, str | int) and str(ref).strip():
            numbers.setdefault(str(ref).strip(), []).append(line.number)
    return {
        number: f"案例编号 {ref} 在文件中出现了 {len(found)} 次（第 {'、'.join(map(str, found))} 行），无法确定以哪一行为准，均未导入"
        for ref, found in numbers.items() if len(found) > 1 for number in found
    }


def line_warnings(raw, record: CaseRecord) -> list[tuple[str, str]]:
    """(message for people, message for the log) of a line that is imported all the same."""
    warnings = []
    if ignored := unknown_keys(raw):
        warnings.append((f"已忽略不是导入字段的键：{'、'.join(ignored)}", f"ignored unknown keys {ignored}"))
    if record.region.warning:
        warnings.append((record.region.warning, "place %r kept as text, unresolved: %s"
                         % (record.region.as_written, record.region.unresolved)))
    return warnings


class CaseImporter:
    """Checks and writes lines as case pages; `publish` publishes them at once.
    With `skip_existing`, lines whose ref is already in Casebase are left alone
    (the demo loader must not overwrite what reviewers did with the demo cases).
    `cities`: the divisions a city's submitter may import into (their lines naming another
    place are refused); None for the command and provincial administrators. With a `user`,
    a line may update an existing case only when that user may edit it now."""

    def __init__(self, publish: bool = False, user=None, skip_existing: bool = False, cities=None):
        self.publish = publish
        self.user = user
        self.skip_existing = skip_existing
        self.cities = None if cities is None else {division.pk: division for division in cities}

    def run(self, lines: Iterable[str], on_line=None) -> ImportResult:
        """Imports JSON Lines text (one case per line)."""
        from .formats import read_jsonl

        lines = list(lines)
        return self.run_lines(read_jsonl(lines), on_line=on_line, total=len(lines))

    def announce(self, result: ImportResult) -> None:
        """Tells the apps that follow cases (search) about every case this import published
        or commended, once for all of them; returns when they are done with them."""
        page_ids = [*result.published_ids, *result.commended_ids]
        if page_ids:
            signals.cases_imported.send(sender=CaseImporter, page_ids=page_ids)

    def check(self, line, duplicates: dict[int, str] | None = None) -> tuple[CaseRecord, CasePage | None]:
        """The validated record of `line` (an `formats.ImportLine`) and the case it updates, if
        any; raises LineErrors with every problem. Writes nothing."""
        problems = list(line.problems)
        if duplicates and line.number in duplicates:
            problems.append(LineError("ref", duplicates[line.number]))
        record = validate(line.record, problems=problems)
        existing = CasePage.objects.filter(ref=record.ref).first()
        found = Problems()
        found.check(self._check_city, record)
        if existing is not None:
            found.check(self._check_editable, existing)
        found.raise_any()
        return record, existing

    def _check_city(self, record: CaseRecord) -> None:
        if self.cities is None:
            return
        division = submitting_division(record.region.province, record.region.city)
        if division.pk not in self.cities:
            own = "、".join(d.name for d in self.cities.values()) or "（无）"
            raise LineError("city", f"本行的案例属于{division.name}，您只能导入本市（{own}）的案例")

    def _check_editable(self, case: CasePage) -> None:
        if self.user is None:
            return
        if not case.permissions_for_user(self.user).can_edit():
            raise LineError("ref", f"案例编号 {case.ref} 已被您无权修改的案例使用（其他地市的案例），请更换编号")
        lock = case.get_lock()
        if lock is not None and lock.for_user(self.user):
            raise LineError("ref", f"案例编号 {case.ref} 的案例正在审核或已被锁定，暂不能通过导入修改")

    def run_lines(self, lines: list, on_line=None, total: int | None = None) -> ImportResult:
        """Imports `lines` (`formats.ImportLine`s); each line is written in its own transaction
        and a refused line leaves no trace. `on_line()` is called once per line done. What
        follows cases (the index) waits for `announce`."""
        with signals.batch():
            return self._run_lines(lines, on_line)

    def _run_lines(self, lines: list, on_line=None) -> ImportResult:
        result = ImportResult()
        duplicates = duplicate_refs(lines)
        for line in lines:
            if on_line:
                on_line()
            raw = line.record
            if self.skip_existing and isinstance(raw, dict) and CasePage.objects.filter(ref=raw.get("ref")).exists():
                result.skipped += 1
                continue
            try:
                record, _ = self.check(line, duplicates)
                with transaction.atomic():
                    case, created = self.write(record)
            except LineErrors as exc:
                for problem in exc.problems:
                    self._reject(result, line.number, problem.field, problem.message)
            except LineError as exc:
                self._reject(result, line.number, exc.field, exc.message)
            except ValidationError as exc:
                field_name, messages = next(iter(exc.message_dict.items())) if hasattr(exc, "error_dict") else ("(整行)", exc.messages)
                self._reject(result, line.number, field_name, "；".join(messages))
            else:
                result.created += created
                result.updated += not created
                for message, log_message in line_warnings(raw, record):
                    self._warn(result, line.number, message, log_message)
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
            case = CasePage(ref=record.ref, slug=record.ref.lower(), live=False, owner=self.user)
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
        elif not case.live:
            case.save()  # as the editor does: a draft's own row (listings, exports) follows its latest revision
        revision = case.save_revision(user=self.user, log_action=True)
        if self.publish:
            # Who may publish this way is decided before (the command's operator, the admin's
            # ReviewPolicy.can_import_cases_anywhere); the review workflow's rights do not apply.
            revision.publish(user=self.user, log_action=IMPORT_LOG_ACTION, skip_permission_checks=True)
        if record.commended and case.commended_on is None:
            case.commend(record.unit, on=record.decision_date)
        return case, created
