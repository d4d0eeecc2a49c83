"""Document text → an import record (CONTRACTS §4) → a draft case in the submitter's city.

The record gives the title, sections, unit, date and region; the importer's own `validate`
fills the structured facts by extraction from the same text, as for an imported line that does
not give them (local regulations keep their own title), and `CaseImporter.write` writes the
draft. So a case from a document meets exactly the rules of an imported one. A value the
document gave that fails those rules (a provision Casebase does not hold, a county outside the
city…) is left out and reported; the document as a whole is never refused for it.
"""
import datetime
import logging
import secrets
import string
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

import nlp
from casebase.cases.importer import CITATION_FIELDS, CaseImporter, CaseRecord, LineError, validate
from casebase.cases.models import SECTIONS, CasePage, CityIndexPage
from casebase.core.templatetags.casebase_tags import chinese_date, yuan
from casebase.laws.numbering import provision_label
from casebase.taxonomy.regions import MUNICIPALITIES
from nlp import laws as known_laws

from .sections import DocumentParts, split_document

logger = logging.getLogger(__name__)

INTAKE_LOG_ACTION = "intake.import"
REF_ALPHABET = string.ascii_uppercase + string.digits
PLACEHOLDER_TITLE = "从文书导入的案例"  # when the document gives neither a title nor a party
# Values a document may give that can be left out, with the value they are left at.
DROPPABLE = {"county": None, "industry": None, "fine_yuan": None, "violation_types": [], "measures": []}
LABELS = {
    "county": "区县", "industry": "行业", "fine_yuan": "罚款金额", "violation_types": "违法类型",
    "measures": "处理措施", "violated": "违反条款", "penalty_basis": "处罚依据",
}


@dataclass
class IntakeResult:
    """The draft created, with what the user should know about it (short Chinese phrases)."""

    case: CasePage
    filled: list[str] = field(default_factory=list)  # what the document pre-filled
    left_out: list[str] = field(default_factory=list)  # values found but not taken, with the reason
    to_check: list[str] = field(default_factory=list)  # placeholders and warnings for the submitter


def create_draft(text: str, city_index: CityIndexPage, user, filename: str) -> IntakeResult:
    """Creates a draft case (never published) from a document's text under `city_index`, owned
    by `user`. The caller checks that `user` may add pages there."""
    parts = split_document(text)
    to_check = []
    decided_on = _decision_date(parts, to_check)
    facts = nlp.extract(_case_text(parts), decided_on).to_dict()
    record, left_out = build_record(parts, facts, city_index, decided_on, to_check)
    validated, dropped = validate_leaving_out(record, facts)
    left_out += dropped + citations_left_out(facts, validated)
    if validated.region.warning:  # a place kept as written: the editor warns too
        to_check.append(validated.region.warning)
    with transaction.atomic():
        case = _write(validated, city_index, user)
        log(instance=case, action=INTAKE_LOG_ACTION, user=user, data={"filename": filename, "left_out": left_out})
    if facts["pii"]:
        to_check.append(f"正文中可能含有个人信息 {len(facts['pii'])} 处，提交审核前请处理")
    logger.info("intake: %s created draft %s (%s) under %s from %r; left out: %s",
                user, case.pk, case.ref, city_index.title, filename, left_out)
    return IntakeResult(case=case, filled=filled_fields(validated, parts), left_out=left_out, to_check=to_check)


def build_record(
    parts: DocumentParts, facts: dict, city_index: CityIndexPage, decided_on: datetime.date, to_check: list[str]
) -> tuple[dict, list[str]]:
    """The import record of the document, and the notes on region values not taken. The region
    is always the city of `city_index`; the county is taken from the facts when it lies there.
    The structured facts are filled by `validate` from the document's `facts`."""
    province, city = _province_and_city(city_index)
    county, left_out = _county(facts["region"], province, city)
    record = {
        "ref": provisional_ref(city_index, decided_on),
        "title": parts.title or _fallback_title(parts, facts, to_check),
        "province": province, "city": city, "county": county,
        "unit": _unit_from(parts.unit, city_index) or _fallback_unit(city_index, to_check),
        "decision_date": decided_on.isoformat(),
        **parts.sections,
    }
    return record, left_out


def validate_leaving_out(record: dict, facts: dict | None = None) -> tuple[CaseRecord, list[str]]:
    """`validate(record)` with the document's `facts`, leaving out each value it refuses until
    the rest passes; returns the validated record and one note per value left out. Raises
    LineError for required fields."""
    left_out = []
    while True:
        try:
            return validate(record, facts), left_out
        except LineError as error:
            left_out.append(_leave_out(record, error))


def citations_left_out(facts: dict, record: CaseRecord) -> list[str]:
    """A note for each citation extraction found that the validated record does not keep.
    A kept citation bears the official title of its law (`find_law`, which resolves other names
    with `nlp.laws.resolve`) or, for a law Casebase does not hold, the name as extracted."""
    kept = {(c.role, c.law_title, c.article, c.paragraph, c.item) for c in record.citations}
    notes = []
    for field_name, role in CITATION_FIELDS.items():
        for entry in facts[field_name]:
            title = known_laws.resolve(entry["law"], record.decision_date) or entry["law"]
            numbers = (entry["article"], entry["paragraph"], entry["item"])
            if (role, title, *numbers) not in kept:
                label = provision_label(*numbers) if entry["article"] else ""
                notes.append(f"{LABELS[field_name]}：《{entry['law']}》{record.decision_date} 时有效的版本中没有{label}")
    return notes


def provisional_ref(city_index: CityIndexPage, decided_on: datetime.date) -> str:
    """An unused ref such as 330100-20241106-7K3Q, for the submitter to replace."""
    while True:
        suffix = "".join(secrets.choice(REF_ALPHABET) for _ in range(4))
        ref = f"{city_index.division.code}-{decided_on:%Y%m%d}-{suffix}"
        if not CasePage.objects.filter(ref=ref).exists():
            return ref


def filled_fields(record: CaseRecord, parts: DocumentParts) -> list[str]:
    """What the document pre-filled, as the success message lists it."""
    filled = ["标题"] if record.title != PLACEHOLDER_TITLE else []
    filled += [heading for name, heading in SECTIONS if record.sections[name]]
    if parts.unit:
        filled.append(f"办案单位（{record.unit}）")
    if parts.decided_on == record.decision_date:
        filled.append(f"处罚决定日期（{chinese_date(record.decision_date)}）")
    if record.region.county:
        filled.append(f"区县（{record.region.county.name}）")
    if record.industry:
        filled.append(f"行业（{record.industry}）")
    for label, values in (("违法类型", record.violation_types), ("处理措施", record.measures)):
        if values:
            filled.append(f"{label}（{'、'.join(v.name for v in values)}）")
    if record.fine_yuan is not None:
        filled.append(f"罚款金额（{yuan(record.fine_yuan)}）")
    if record.citations:
        filled.append(f"法律依据 {len(record.citations)} 条")
    return filled


# --- helpers -----------------------------------------------------------------------------------


def _case_text(parts: DocumentParts) -> str:
    """The text the case will show: facts are read from it, not from notices and letterheads."""
    return "\n".join([parts.title, *parts.sections.values()])


def _decision_date(parts: DocumentParts, to_check: list[str]) -> datetime.date:
    today = timezone.localdate()
    if parts.decided_on is None:
        to_check.append("未能识别处罚决定日期，暂填今天，请改为实际日期")
        return today
    if parts.decided_on > today:
        to_check.append(f"文书中的处罚决定日期（{chinese_date(parts.decided_on)}）晚于今天，暂填今天，请改为实际日期")
        return today
    return parts.decided_on


def _province_and_city(city_index: CityIndexPage) -> tuple[str, str | None]:
    division = city_index.division
    if division.name in MUNICIPALITIES:
        return division.name, None
    return division.province.name, division.name


def _county(region: dict, province: str, city: str | None) -> tuple[str | None, list[str]]:
    """The county of the facts when they place the case in this city, else a note on why not."""
    region = region or {}
    named = "".join(filter(None, (region.get("province"), region.get("city"), region.get("county"))))
    in_city = region.get("province") in (None, province) and (city is None or region.get("city") in (None, city))
    if not in_city:
        return None, [f"地区：文书所述地区“{named}”不在{city or province}，未填写区县"]
    return region.get("county"), []


def _fallback_title(parts: DocumentParts, facts: dict, to_check: list[str]) -> str:
    party = parts.party or next(iter(facts["parties"]), "")
    if not party:
        to_check.append(f"未识别标题，暂填“{PLACEHOLDER_TITLE}”，请填写案例标题")
        return PLACEHOLDER_TITLE
    kind = facts["violation_types"][0] if facts["violation_types"] else "环境违法"
    return f"{party}{kind}案"


def _unit_from(found: str, city_index: CityIndexPage) -> str:
    """The unit found, starting at the city's or province's name when it holds one
    (经杭州市生态环境局 → 杭州市生态环境局)."""
    division = city_index.division
    for name in (division.name, division.province.name):
        if name in found:
            return found[found.index(name):]
    return found


def _fallback_unit(city_index: CityIndexPage, to_check: list[str]) -> str:
    unit = f"{city_index.division.name}生态环境局"
    to_check.append(f"未识别办案单位，暂填“{unit}”，请核对")
    return unit


def _leave_out(record: dict, error: LineError) -> str:
    """Removes the value `error` names from `record`; returns the note for the user.
    A citation the record gives is named with its position (violated[0]); the citations
    `validate` extracts itself never fail it (the importer leaves bad ones out)."""
    name, _, position = error.field.partition("[")
    if position:
        record[name].pop(int(position.rstrip("]")))
    elif name in DROPPABLE:
        record[name] = DROPPABLE[name]
    else:
        raise error
    return f"{LABELS[name]}：{error.message}"


def _write(record: CaseRecord, city_index: CityIndexPage, user) -> CasePage:
    case, created = CaseImporter(publish=False, user=user).write(record)
    if not created or case.get_parent().pk != city_index.pk:
        raise RuntimeError(f"intake must create a new case under {city_index.pk}, got {case.pk}")
    CasePage.objects.filter(pk=case.pk).update(owner=user)
    return case
