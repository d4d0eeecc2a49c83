"""Region: province, city and county named or implied by place names.

The gazetteer is the NBS 2023 division list (``nlp/data/divisions.json``):
full names, plus short forms (杭州 for 杭州市, 广西 for 广西壮族自治区, 余杭 for
余杭区) when the short form is unique, at least two characters long and not a
common word (``region_stopwords.txt``).  A short form followed by 路/街/湾…
is a street or a landmark, not a division.

Resolution votes: the province most names point to, then the city inside it,
then the county inside that city.  County names that are ambiguous (朝阳区)
or very short (南县), and short forms of counties, count only when their
province or city is also named.  A county implies its city and province.
Municipalities (北京市 …) have no city level here (the NBS 市辖区 row is a
placeholder), so ``city`` stays null for them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ..resources import load_json, load_lines
from ..text import Gazetteer, trie_regex
from . import component, folded_text

_ETHNIC = rf"(?:(?:{'|'.join(word for line in load_lines('ethnic_groups.txt') for word in line.split())})族?)+"
_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|自治旗|特别行政区|省|市|地区|盟|县|区|旗)$")
_AUTONOMOUS = re.compile(rf"(?:{_ETHNIC})自治(?:区|州|县|旗)$")
_NOT_DIVISION_AFTER = re.compile(r"[路街道巷弄湾湖江河港桥山门站]|大道|广场|公园|花园|小区|机场")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: int
    parent: str | None


@dataclass(frozen=True)
class Region:
    province: str | None
    city: str | None
    county: str | None

    def to_dict(self) -> dict:
        return {"province": self.province, "city": self.city, "county": self.county}


@dataclass(frozen=True)
class _Entry:
    codes: tuple[str, ...]
    short: bool  # a short form (杭州), not the full name (杭州市)


@cache
def divisions() -> dict[str, Division]:
    """All divisions by code, including NBS placeholder rows (for parent links)."""
    return {code: Division(code, name, int(level), parent or None)
            for code, name, level, parent, _ in load_json("divisions.json")}


@cache
def _placeholders() -> frozenset[str]:
    return frozenset(code for code, _, _, _, flag in load_json("divisions.json") if flag)


@cache
def gazetteer() -> dict[str, _Entry]:
    """Place name → the divisions it may denote."""
    full: dict[str, list[str]] = defaultdict(list)
    short: dict[str, list[str]] = defaultdict(list)
    for division in divisions().values():
        if division.code in _placeholders():
            continue
        full[division.name].append(division.code)
        stem = _stem(division.name)
        if stem != division.name and len(stem) >= 2:
            short[stem].append(division.code)
    stop = set(load_lines("region_stopwords.txt"))
    entries = {name: _Entry(tuple(codes), False) for name, codes in full.items()}
    for stem, codes in short.items():
        # 吉林 (省 and 市), 河北 (省 and 天津市河北区): the higher level is meant.
        top = min(divisions()[c].level for c in codes)
        codes = [c for c in codes if divisions()[c].level == top]
        # Counties need a supporting province/city mention anyway (see _mentions),
        # so only short forms of provinces and cities have to be unique.
        if stem not in entries and stem not in stop and (len(codes) == 1 or top == 3):
            entries[stem] = _Entry(tuple(codes), True)
    return entries


def _stem(name: str) -> str:
    """广西壮族自治区 → 广西, 杭州市 → 杭州; 内蒙古自治区 → 内蒙古 (not 内)."""
    stem = _AUTONOMOUS.sub("", name)
    return stem if stem != name and len(stem) >= 2 else _SUFFIX.sub("", name)


@cache
def place_regex() -> re.Pattern[str]:
    """Regex of all gazetteer names (leftmost-longest), for short windows of text."""
    return re.compile(trie_regex(gazetteer()))


@cache
def _places() -> Gazetteer:
    return Gazetteer(gazetteer())


@cache
def _chain(code: str) -> dict[int, str]:
    """Level → code for the division and its real ancestors (read-only: cached per code)."""
    out = {}
    current: str | None = code
    while current:
        division = divisions()[current]
        if current not in _placeholders():
            out[division.level] = current
        current = division.parent
    return out


def _mentions(text: str, skip: list[tuple[int, int]]) -> list[tuple[str, ...]]:
    found = []
    for start, end in _places().finditer(text):
        entry = gazetteer()[text[start:end]]
        if entry.short and _NOT_DIVISION_AFTER.match(text, end):
            continue
        if any(s <= start < e for s, e in skip):
            continue
        found.append((entry.codes, entry.short))
    strong_areas = {code for codes, short in found for code in codes
                    if divisions()[code].level < 3 and not (short and len(codes) > 1)}
    kept = []
    for codes, short in found:
        if all(divisions()[c].level == 3 for c in codes) and _needs_support(codes, short):
            codes = tuple(c for c in codes if set(_chain(c).values()) & strong_areas)
        if codes:
            kept.append(codes)
    return kept


def _needs_support(codes: tuple[str, ...], short: bool) -> bool:
    return short or len(codes) > 1 or len(divisions()[codes[0]].name) <= 2


def _vote(mentions: list[tuple[str, ...]], level: int, within: str | None) -> str | None:
    scores: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for index, codes in enumerate(mentions):
        targets = {_chain(c).get(level) for c in codes if within is None or within in _chain(c).values()}
        targets.discard(None)
        for target in targets:
            scores[target] += 1 / len(targets)
            first.setdefault(target, index)
    if not scores:
        return None
    return max(scores, key=lambda code: (scores[code], -first[code]))


def find(text: str, skip: list[tuple[int, int]] = ()) -> Region:
    """The region of folded ``text``; all fields None when no place is named.

    Place names inside ``skip`` spans (a person's home address) are ignored.
    """
    mentions = _mentions(text, list(skip))
    province = _vote(mentions, 1, None)
    if province is None:
        return Region(None, None, None)
    city = _vote(mentions, 2, province)
    county = _vote(mentions, 3, city or province)
    if county and not city:
        city = _chain(county).get(2)
    return Region(*(divisions()[code].name if code else None for code in (province, city, county)))


@component("casebase_region", assigns=["region"], requires=["pii"])
def locate(doc: Doc) -> Doc:
    """Sets ``doc._.region`` (:class:`Region`); the addresses found by casebase_pii are skipped."""
    underscore = doc._
    addresses = [(s.start, s.end) for s in underscore.get("pii") if s.kind == "address"]
    underscore.region = find(folded_text(doc, underscore), addresses)
    return doc
