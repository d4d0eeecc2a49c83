"""Parties: names of the organisations a case is about, as written.

Published cases are mostly anonymised: a place name, then 某/某某/XX, then
the rest of the name and an organisation suffix (大石桥某建筑石矿,
杭州某某化工有限公司, 某电镀厂).  Names that are not anonymised are taken
after 当事人/被处罚单位/单位名称.  Authorities (…局, …政府) are never parties.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from ..resources import load_json
from . import component, folded_text, raw_text
from .region import gazetteer, place_regex

_CUES = load_json("party_cues.json")
_SUFFIX = f"(?:{'|'.join(_CUES['suffixes'])})"
_NAME_CHAR = r"[^\s,，。;；、:：\"'()《》某和与及对在于将被的是由向为从]"
_LONGER = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司)")
#: 厂房, 厂区, 厂长, 场所, 店内 …: the suffix character starts another word.
_NOT_END = r"(?![房区长内界址所外面铺])"
_INTRO = re.compile(rf"(?:{'|'.join(_CUES['name_after'])})(?:为|是|:)?\s*")


# 某某?某? rather than 某{1,3}: with a plain first character in every alternative re can skip ahead.
_MASK = re.compile(r"某某?某?|xx+|××+|\*\*+")
_MASKED_NAME = re.compile(rf"(?![村镇乡县区市省路街]){_NAME_CHAR}{{0,20}}?{_SUFFIX}{_NOT_END}")
_MAX_PREFIX = 14


@cache
def _place_prefix() -> re.Pattern[str]:
    return re.compile(rf"(?:(?:{place_regex().pattern})(?:省|市|县|区)?){{1,3}}")


@cache
def _place_initials() -> frozenset[str]:
    return frozenset(name[0] for name in gazetteer())


def _anonymised(text: str) -> list[tuple[int, int]]:
    """Spans of 〈places〉某〈name〉〈suffix〉; found from the mask, so the big place
    regex only runs on the few characters before each 某."""
    spans = []
    for mask in _MASK.finditer(text):
        name = _MASKED_NAME.match(text, mask.end())
        if name:
            spans.append((_place_prefix_start(text, mask.start()), name.end()))
    return spans


def _place_prefix_start(text: str, end: int) -> int:
    """Start of the longest run of place names (at most _MAX_PREFIX characters) ending at ``end``."""
    for start in range(max(0, end - _MAX_PREFIX), end):
        # A character no place name starts with cannot start the run: skip the regex there.
        if text[start] in _place_initials() and _place_prefix().fullmatch(text, start, end):
            return start
    return end


_PLAIN = re.compile(rf"{_NAME_CHAR}{{2,30}}?{_SUFFIX}{_NOT_END}")


def _extend(text: str, end: int) -> int:
    """某化工厂有限公司: continue to the longer company suffix when one follows."""
    match = re.compile(rf"{_NAME_CHAR}{{0,6}}?{_LONGER.pattern}").match(text, end)
    return match.end() if match else end


def find(text: str, raw: str | None = None) -> list[str]:
    """Distinct party names in order of first appearance, as written in ``raw``."""
    raw = raw if raw is not None else text
    spans = _anonymised(text)
    for intro in _INTRO.finditer(text):
        match = _PLAIN.match(text, intro.end())
        if match and not any(s <= match.start() < e for s, e in spans):
            spans.append(match.span())
    names: list[str] = []
    for start, end in sorted(spans):
        name = raw[start:_extend(text, end)]
        if name not in names:
            names.append(name)
    return names


@component("casebase_parties", assigns=["parties"])
def find_parties(doc: Doc) -> Doc:
    """Sets ``doc._.parties`` (list of names as written)."""
    underscore = doc._
    underscore.parties = find(folded_text(doc, underscore), raw_text(doc, underscore))
    return doc
