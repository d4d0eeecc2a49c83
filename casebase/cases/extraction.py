"""What Casebase reads out of a case's own text, through nlp's public API: personal data in
its public sections, and suggestions for its structured fields.

Nothing here changes a case by itself: redaction, clearing and accepting a suggestion are
explicit actions of the submitter (views in admin_views.py), each saved as a new draft revision.
"""
import json
from dataclasses import dataclass
from decimal import Decimal

from bs4 import BeautifulSoup, NavigableString
from django.utils.html import strip_tags

from casebase.taxonomy.models import Industry, Measure, ViolationType
from nlp import extract, find_pii, redact

from .models import CaseCitation, CasePage, CaseSuggestion
from .sections import SECTIONS, TITLE_LABEL

# Extraction runs at over 300,000 characters a second (benchmarks/nlp_throughput.py): up to this length it takes well under
# 100 ms and runs while the editor saves; longer texts go to a background task.
SYNC_EXTRACTION_CHARS = 8000

PII_KINDS = {
    "id_number": "身份证号", "phone": "电话号码", "person_name": "姓名", "address": "住址",
    "plate_number": "车牌号", "bank_account": "银行账号", "email": "电子邮箱",
}
# Everything published about a case that may hold personal data: its title and its sections.
PUBLIC_TEXTS = [("title", TITLE_LABEL), *SECTIONS]
SECTION_HEADINGS = dict(PUBLIC_TEXTS)


@dataclass(frozen=True)
class PiiFinding:
    field: str
    kind: str
    text: str

    @property
    def label(self) -> str:
        return f"{PII_KINDS.get(self.kind, self.kind)}“{self.text}”"


def personal_data(sections: dict[str, str], cleared: list[str]) -> list[PiiFinding]:
    """Personal data in the public texts (the title and the rich-text sections, by field name),
    except texts the submitter confirmed are not personal data."""
    findings = []
    for name, html in sections.items():
        text = strip_tags(html or "")
        for span in find_pii(text):
            value = text[span.start:span.end]
            if value not in cleared:
                findings.append(PiiFinding(name, span.kind, value))
    return findings


def public_texts(page: CasePage) -> dict[str, str]:
    return {"title": page.title or "", **page.section_texts()}


def page_personal_data(page: CasePage) -> list[PiiFinding]:
    return personal_data(public_texts(page), page.pii_cleared)


def redact_html(html: str, cleared: list[str]) -> tuple[str, int]:
    """Redacts personal data in every text node as nlp's `redact` masks it (张三 → 张某,
    浙A12345 → 浙A****), keeping the markup and anything the submitter cleared.
    Returns the redacted HTML and the number of spans redacted."""
    soup = BeautifulSoup(html or "", "html.parser")
    count = 0
    for node in list(soup.find_all(string=True)):
        spans = [s for s in find_pii(str(node)) if str(node)[s.start:s.end] not in cleared]
        if spans:
            node.replace_with(NavigableString(redact(str(node), spans)))
            count += len(spans)
    return str(soup), count


def redact_page(page: CasePage) -> int:
    """Redacts the page's title and public sections (not saved); returns how many spans were
    redacted."""
    spans = [s for s in find_pii(page.title) if page.title[s.start:s.end] not in page.pii_cleared]
    page.title = redact(page.title, spans) if spans else page.title
    total = len(spans)
    for name, _ in SECTIONS:
        html, count = redact_html(getattr(page, name), page.pii_cleared)
        setattr(page, name, html)
        total += count
    return total


# --- suggestions for the structured fields --------------------------------------------------

SUGGESTED_FIELDS = {
    "citations": "法律依据", "fine_yuan": "罚款金额", "measures": "处理措施",
    "violation_types": "违法类型", "industry": "行业", "county": "区县",
}


def facts_for(page: CasePage) -> dict:
    """CONTRACTS §3 facts read from the case's title and sections."""
    return extract(page.plain_text(), page.decision_date).to_dict()


def suggested_values(page: CasePage, facts: dict) -> dict[str, object]:
    """Each suggested field's value in the page's terms, for the fields extraction found."""
    values = {}
    citations = [(CaseCitation.Role.VIOLATED, c) for c in facts["violated"]]
    citations += [(CaseCitation.Role.BASIS, c) for c in facts["penalty_basis"]]
    if citations:
        values["citations"] = [(role, c["law"], c["article"], c["paragraph"], c["item"]) for role, c in citations]
    if facts["fine_yuan"] is not None:
        values["fine_yuan"] = Decimal(str(facts["fine_yuan"]))
    for name in ("measures", "violation_types"):
        if facts[name]:
            values[name] = sorted(facts[name])
    if facts["industry"]:
        values["industry"] = facts["industry"]["code"]
    county = (facts.get("region") or {}).get("county")
    if county and page.city and page.city.children.filter(name=county).exists():
        values["county"] = county
    return values


def current_values(page: CasePage) -> dict[str, object]:
    division = page.industry.division if page.industry else None
    return {
        "citations": [(c.role, c.law_title, c.article, c.paragraph, c.item) for c in page.citations.all()],
        "fine_yuan": page.fine_yuan,
        "measures": sorted(m.name for m in page.measures.all()),
        "violation_types": sorted(t.name for t in page.violation_types.all()),
        "industry": division.code if division else None,
        "county": page.county.name if page.county else None,
    }


def apply_suggestion(page: CasePage, field: str, value) -> None:
    """Writes an accepted suggestion into `page` (not saved). Citations are added to the ones
    the case already has, never replacing them."""
    if field == "citations":
        present = {(c.role, c.law_title, c.article, c.paragraph, c.item) for c in page.citations.all()}
        page.citations = list(page.citations.all()) + [
            CaseCitation(role=role, law_title=law, article=article, paragraph=paragraph, item=item)
            for role, law, article, paragraph, item in (tuple(v) for v in value)
            if (role, law, article, paragraph, item) not in present
        ]
    elif field == "fine_yuan":
        page.fine_yuan = Decimal(str(value))
    elif field == "measures":
        page.measures = list(Measure.objects.filter(name__in=value))
    elif field == "violation_types":
        page.violation_types = list(ViolationType.objects.filter(name__in=value))
    elif field == "industry":
        page.industry = Industry.objects.get(code=value)
    elif field == "county":
        page.county = page.city.children.get(name=value)
    else:
        raise ValueError(f"not a suggested field: {field}")


def canonical(value):
    """A JSON-comparable form of a field value (tuples → lists, amounts → 2 decimals)."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return json.loads(json.dumps(value, default=str))


def refresh_suggestions(page: CasePage) -> CaseSuggestion:
    """Extracts suggestions for the page's latest content and stores them; earlier decisions on
    fields whose suggestion did not change are kept."""
    page = page.get_latest_revision_as_object() if page.pk else page
    values = {name: canonical(v) for name, v in suggested_values(page, facts_for(page)).items()}
    suggestion, _ = CaseSuggestion.objects.get_or_create(page_id=page.pk)
    suggestion.decisions = {f: d for f, d in suggestion.decisions.items() if suggestion.values.get(f) == values.get(f)}
    suggestion.values = values
    suggestion.revision = page.get_latest_revision()
    suggestion.save()
    return suggestion


def schedule_suggestions(page: CasePage) -> None:
    """After a save: extract now when it is quick, otherwise in the background."""
    from .tasks import refresh_case_suggestions

    if len(page.plain_text()) <= SYNC_EXTRACTION_CHARS:
        refresh_suggestions(page)
    else:
        refresh_case_suggestions.enqueue(page.pk)


def shown_value(field: str, value):
    """A suggested or current value as the editor shows it: each citation as its role and
    provision (违反条款：《…》第二十条第一款第（三）项), an industry as its code and name
    (C26 化学原料和化学制品制造业); other values as they are."""
    if not value:
        return value
    if field == "citations":
        return [
            f"{c.get_role_display()}：{c}"
            for c in (CaseCitation(role=role, law_title=law, article=article, paragraph=paragraph, item=item)
                      for role, law, article, paragraph, item in value)
        ]
    if field == "industry":
        industry = Industry.objects.filter(code=value).first()
        return str(industry) if industry else value
    return value


def pending_suggestions(page: CasePage, suggestion: CaseSuggestion | None) -> list[dict]:
    """The suggestions that differ from the page and were not yet accepted or rejected."""
    if suggestion is None:
        return []
    current = {name: canonical(v) for name, v in current_values(page).items()}
    return [
        {"field": name, "label": SUGGESTED_FIELDS[name], "value": value, "current": current.get(name),
         "shown": shown_value(name, value), "current_shown": shown_value(name, current.get(name))}
        for name, value in suggestion.values.items()
        if value != current.get(name) and name not in suggestion.decisions
    ]
