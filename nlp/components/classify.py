"""Violation types (CONTRACTS §3 vocabulary) and GB/T 4754 industry division.

Violation types come from the cited provisions (``nlp/data/violation_rules.json``:
a type per law, finer rules per article/paragraph/item) and from keywords:
'strong' keywords (私设暗管, 篡改自动监测数据, 危险废物 …) always add their type,
'weak' ones (废气, 废水, 噪声 …) name the medium and are used only when no
medium type (大气污染, 水污染 …) nor 环境影响评价 was found otherwise, and
no cited article makes the medium incidental (拒绝检查, 机动车, 自行监测 …);
a medium they name once beside one named three times or more is left out.
The provisions violated are used; when none is cited as violated, the
penalty basis is used instead.  With nothing at all the type is 其他.

Industry: two keyword lists, ``nlp/data/industry_index.tsv`` (generated from the
GB/T 4754 class names by nlp/build_data.py) and the hand-written vocabulary of
``nlp/data/industry_keywords.tsv`` (which wins for a term in both).  A keyword
is read anywhere ('text': an activity, product or plant), only in names
('name': too generic for running text) or as a last resort ('weak': a broad
field such as 食品, 矿业, 环保科技).  The party named in the title (its first
line, up to the first organisation suffix) is read first, then the party
names, then the whole text, then the weak keywords of the names:
- in a name the rightmost keyword wins, as the head of a Chinese compound
  comes last (某塑料回收经营部 recycles, 某五金电镀厂 plates);
- in running text the earliest keyword wins (the party's business is usually
  said before the things it handled).
A case whose text names no activity keeps none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ..resources import load_json, load_lines
from ..text import fold, trie_regex
from . import component, folded_text
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


def _main_media(text: str, rules: list[tuple[str, re.Pattern[str]]]) -> set[str]:
    """Media the weak keywords name, without one named once beside one named three times or more
    (废水浑浊发黑，带有异味 is a water case that smells)."""
    counts = {name: len(pattern.findall(text)) for name, pattern in rules}
    top = max(counts.values(), default=0)
    return {name for name, count in counts.items() if count and not (count == 1 and top >= 3)}


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
        types |= _main_media(text, weak)
    return [t for t in VIOLATION_TYPES if t in types] or ["其他"]


@dataclass(frozen=True)
class _IndustryLexicon:
    names: dict[str, str]  # division code → name
    division_of: dict[str, str]  # keyword → division code
    anywhere: re.Pattern[str]  # 'text' keywords
    in_names: re.Pattern[str]  # 'text' and 'name' keywords
    weak: re.Pattern[str]


@cache
def _industry_lexicon() -> _IndustryLexicon:
    generated = [line.split("\t") for line in load_lines("industry_index.tsv")]
    written = [line.split("\t") for line in load_lines("industry_keywords.tsv")]
    rows = {keyword: (code, where) for keyword, code, where in generated + written}  # written ones win
    by_where: dict[str, list[str]] = {"text": [], "name": [], "weak": []}
    for keyword, (_, where) in rows.items():
        by_where[where].append(keyword)
    return _IndustryLexicon(
        load_json("industries.json"), {keyword: code for keyword, (code, _) in rows.items()},
        re.compile(trie_regex(by_where["text"])), re.compile(trie_regex(by_where["text"] + by_where["name"])),
        re.compile(trie_regex(by_where["weak"])))


#: An organisation's name ends at one of these (the title's party: 江阴某无损检测服务部…案).
_ORGANISATION_END = re.compile(r"有限责任公司|有限公司|公司|企业|集团|厂|作坊|加工点|服务部|经营部|门市部|中心"
                               r"|加油站|站|场|店|医院|诊所|合作社|矿")
_TITLE_MAX = 80


def title_party(text: str) -> str:
    """The start of the title up to its first organisation suffix, or ''.

    The title is the first line of a text of several lines when it is short
    and not a sentence (the importer puts the title first).
    """
    first, newline, _ = text.partition("\n")
    if not newline or len(first) > _TITLE_MAX or "。" in first:
        return ""
    end = _ORGANISATION_END.search(first)
    return first[:end.end()] if end else ""


def _rightmost(pattern: re.Pattern[str], name: str) -> str | None:
    last = None
    for last in pattern.finditer(name):
        pass
    return last.group() if last else None


def industry(text: str, parties: list[str]) -> Industry | None:
    """Industry division from the title's party, the party names, the text; None when unclear."""
    lexicon = _industry_lexicon()
    names = [name for name in (title_party(text), *parties) if name]
    keyword = (next(filter(None, (_rightmost(lexicon.in_names, name) for name in names)), None)
               or _earliest(lexicon.anywhere, text)
               or next(filter(None, (_rightmost(lexicon.weak, name) for name in names)), None))
    if keyword is None:
        return None
    code = lexicon.division_of[keyword]
    return Industry(code, lexicon.names[code])


def _earliest(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group() if match else None


@component("casebase_classifier", assigns=["violation_types", "industry"],
           requires=["citations", "parties"])
def classify(doc: Doc) -> Doc:
    """Sets ``doc._.violation_types`` and ``doc._.industry``."""
    underscore = doc._
    text = folded_text(doc, underscore)
    underscore.violation_types = violation_types(text, underscore.get("citations"))
    underscore.industry = industry(text, [fold(p) for p in underscore.get("parties")])
    return doc
