"""Violation types (CONTRACTS §3 vocabulary) and GB/T 4754 industry division.

Violation types come from the cited provisions (``nlp/data/violation_rules.json``:
a type per law, finer rules per article/paragraph/item) and from keywords:
'strong' keywords (私设暗管, 篡改自动监测数据, 危险废物 …) always add their type,
'weak' ones (废气, 废水, 噪声 …) name the medium and are used only when no
medium type (大气污染, 水污染 …) nor 环境影响评价 was found otherwise, and
no cited article makes the medium incidental (拒绝检查, 机动车, 自行监测 …).
The provisions violated are used; when none is cited as violated, the
penalty basis is used instead.  With nothing at all the type is 其他.

Industry: keywords of ``nlp/data/industry_keywords.tsv`` are looked up in the
party names first (earlier lines win), then in the whole text (earliest
occurrence wins, generic 'party' keywords excluded).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..resources import load_json, load_lines
from ..text import fold, trie_regex
from . import ensure_extension, folded_text, get, put
from .citations import Citation

VIOLATION_TYPES = ("大气污染", "水污染", "固体废物", "危险废物", "土壤污染", "噪声污染", "辐射",
                   "海洋污染", "环境影响评价", "排污许可", "自动监测数据造假", "逃避监管排污",
                   "拒绝阻挠检查", "第三方弄虚作假", "机动车和非道路移动机械", "其他")


@dataclass(frozen=True)
class Industry:
    code: str
    name: str

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class _ArticleRule:
    """A finer rule for some articles of one law (the rules are looked up by law)."""

    first: int
    last: int
    paragraphs: frozenset[int]
    items: frozenset[int]
    types: tuple[str, ...]
    replace: bool
    medium_incidental: bool

    def applies(self, c: Citation) -> bool:
        return (c.article is not None and self.first <= c.article <= self.last
                and (not self.paragraphs or c.paragraph in self.paragraphs)
                and (not self.items or c.item in self.items))


@cache
def _violation_rules() -> tuple[dict, dict[str, list[_ArticleRule]], list, list, frozenset[str]]:
    """Types per law, article rules per law, strong and weak keywords, subject types."""
    data = load_json("violation_rules.json")
    articles: dict[str, list[_ArticleRule]] = {}
    for r in data["articles"]:
        articles.setdefault(r["law"], []).append(_ArticleRule(
            r["articles"][0], r["articles"][1],
            frozenset(r.get("paragraphs", ())), frozenset(r.get("items", ())),
            tuple(r["types"]), r.get("replace", False), r.get("medium_incidental", False)))
    return (data["laws"], articles, _combined(data["strong"]), _combined(data["weak"]),
            frozenset(data["subject_types"]))


def _combined(rows: list[list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    return [(name, re.compile(pattern)) for name, pattern in rows]


def _keyword_types(text: str, rules: list[tuple[str, re.Pattern[str]]]) -> set[str]:
    return {name for name, pattern in rules if pattern.search(text)}


def _types_from_citations(citations: list[Citation]) -> tuple[set[str], bool]:
    """Types implied by ``citations``, and whether an article says the medium is incidental."""
    law_types, article_rules, _, _, _ = _violation_rules()
    types: set[str] = set()
    incidental = False
    for citation in citations:
        matching = [rule for rule in article_rules.get(citation.law, ()) if rule.applies(citation)]
        if not any(rule.replace for rule in matching):
            types.update(law_types.get(citation.law, ()))
        for rule in matching:
            types.update(rule.types)
            incidental = incidental or rule.medium_incidental
    return types, incidental


def violation_types(text: str, citations: list[Citation]) -> list[str]:
    """Types for folded ``text`` and its citations, in vocabulary order (never empty)."""
    _, _, strong, weak, subjects = _violation_rules()
    cited = [c for c in citations if c.role == "violated"] or [c for c in citations if c.role == "basis"]
    types, incidental = _types_from_citations(cited)
    types |= _keyword_types(text, strong)
    if not incidental and not types & subjects:
        types |= _keyword_types(text, weak)
    return [t for t in VIOLATION_TYPES if t in types] or ["其他"]


@cache
def _industry_keywords() -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str], re.Pattern[str]]:
    """Division names, (keyword, division) in line order, the same as a dict, the text keywords' regex."""
    names = load_json("industries.json")
    rows = [line.split("\t") for line in load_lines("industry_keywords.tsv")]
    ordered = [(keyword, code) for keyword, code, _ in rows]
    everywhere = [keyword for keyword, _, where in rows if where == "text"]
    return names, ordered, dict(ordered), re.compile(trie_regex(everywhere))


def industry(text: str, parties: list[str]) -> Industry | None:
    """Industry division from party names, else from the text; None when unclear."""
    names, ordered, division_of, keywords = _industry_keywords()
    for party in parties:
        for keyword, code in ordered:
            if keyword in party:
                return Industry(code, names[code])
    match = keywords.search(text)
    if not match:
        return None
    code = division_of[match.group()]
    return Industry(code, names[code])


@Language.factory("casebase_classifier")
def make_classifier(nlp: Language, name: str) -> "Classifier":
    return Classifier()


class Classifier:
    """Sets ``doc._.violation_types`` and ``doc._.industry``; needs citations and parties."""

    def __init__(self) -> None:
        ensure_extension("violation_types", default=[])
        ensure_extension("industry")

    def __call__(self, doc: Doc) -> Doc:
        text = folded_text(doc)
        put(doc, "violation_types", violation_types(text, get(doc, "citations")))
        put(doc, "industry", industry(text, [fold(p) for p in get(doc, "parties")]))
        return doc
