"""Creates or updates the guide pages from the content files in `content/` (schema: content/README.md).

Idempotent: a guide whose content has not changed is left alone (no new revision); a changed
one gets a new published revision. Every cited provision must resolve in the current version
of its law, or nothing is written.
"""
import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Page

from casebase.core.pages import ensure_section
from casebase.taxonomy.models import Industry

from .blocks import CITATION_FIELDS, resolve_citation
from .models import GuideIndexPage, IndustryGuidePage

CONTENT_DIR = Path(__file__).resolve().parent / "content"
INDEX_SLUG = "guides"
# Content file lists → body sections: (stream block type, section heading, JSON key).
SECTIONS = [
    ("obligations", "企业的法定义务", "obligations"),
    ("violations", "常见违法行为及处罚", "common_violations"),
    ("checklist", "企业自查清单", "checklist"),
    ("questions", "常见问题", "faq"),
]


class GuideContentError(Exception):
    """A content file cannot be loaded; the message says which file and why, in Chinese."""


def ensure_guide_index(home: Page) -> GuideIndexPage:
    return ensure_section(
        home, GuideIndexPage, title="企业守法指南", slug=INDEX_SLUG,
        intro="<p>按行业讲清企业的法定义务、常见违法行为和处罚，并用已发布的典型案例以案释法。输入您的行业或工序，找到对应的指南。</p>",
    )


@transaction.atomic
def load_guides(home: Page, content_dir: Path = CONTENT_DIR) -> dict[str, int]:
    """Loads every `*.json` in `content_dir` under the guide index; returns counts by outcome."""
    index = ensure_guide_index(home)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for path in sorted(content_dir.glob("*.json")):
        counts[write_guide(index, read_content(path))] += 1
    return counts


def read_content(path: Path) -> dict:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GuideContentError(f"{path.name}：无法读取（{exc}）") from exc
    unresolved = [citation for citation in cited_provisions(content) if resolve_citation(citation) is None]
    if unresolved:
        raise GuideContentError(f"{path.name}：现行法律法规中找不到这些条款：{unresolved}")
    return content


def cited_provisions(content: dict) -> list[dict]:
    citations = []
    for _, _, key in SECTIONS:
        for entry in content.get(key, []):
            for field in CITATION_FIELDS:
                citations.extend(entry.get(field, []))
    return citations


def body_data(content: dict) -> list[dict]:
    return [
        {"type": block_type, "value": {"heading": heading, "entries": content[key]}}
        for block_type, heading, key in SECTIONS
        if content.get(key)
    ]


def write_guide(index: GuideIndexPage, content: dict) -> str:
    industries = list(Industry.objects.filter(code__in=content["industry_codes"]))
    if len(industries) != len(set(content["industry_codes"])):
        raise GuideContentError(f"{content['slug']}：行业代码不存在：{content['industry_codes']}")
    fields = {
        "title": content["title"],
        "summary": content["summary"],
        "intro": content["intro"],
        "industry_keywords": "、".join(content["industry_keywords"]),
    }
    guide = IndustryGuidePage.objects.child_of(index).filter(slug=content["slug"]).first()
    body = body_data(content)
    if guide is not None and is_current(guide, fields, body, industries):
        return "unchanged"
    outcome = "updated" if guide is not None else "created"
    if guide is None:
        guide = IndustryGuidePage(slug=content["slug"], **fields, body=body)
        index.add_child(instance=guide)
    for name, value in {**fields, "body": body}.items():
        setattr(guide, name, value)
    guide.industries.set(industries)
    guide.save_revision().publish()
    return outcome


def is_current(guide: IndustryGuidePage, fields: dict, body: list[dict], industries: list[Industry]) -> bool:
    return (
        all(getattr(guide, name) == value for name, value in fields.items())
        and set(guide.industries.all()) == set(industries)
        and without_block_ids(guide.body.get_prep_value()) == body
    )


def without_block_ids(data):
    """Stored StreamField JSON without block ids and list-item wrappers, as written by `body_data`."""
    if isinstance(data, list):
        return [without_block_ids(element) for element in data]
    if isinstance(data, dict):
        if data.get("type") == "item" and set(data) <= {"type", "value", "id"}:
            return without_block_ids(data["value"])
        return {key: without_block_ids(value) for key, value in data.items() if key != "id"}
    return data
