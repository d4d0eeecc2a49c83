"""Known laws: official titles, versions and aliases.

Titles are the first line of the law files in the shared reference data
(``nlp/data/laws.json`` is generated from them); aliases are hand-written in
``nlp/data/law_aliases.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from .resources import load_json

PRC = "中华人民共和国"
#: Endings of titles that name a legal norm (as opposed to 《行政处罚决定书》, 《排污许可证》 or a standard
#: such as 《…排气烟度限值及测量方法》: …方法 names a test method, not a law).
_NORM_TITLE = re.compile(r"((?<!方)法|条例|办法|规定|细则|解释|基准|规则|决定|意见|通知)([(（]试行[)）])?$")
#: Version notes written inside the brackets: 《大气污染防治法（2018年修正）》.
_VERSION_NOTE = re.compile(r"[(（]\d{4}年?[^()（）]{0,6}[)）]$")


@dataclass(frozen=True)
class LawVersion:
    title: str
    adopted: str | None
    in_force: str | None


@cache
def law_versions() -> dict[str, tuple[LawVersion, ...]]:
    """Official title → its versions, oldest first."""
    versions: dict[str, list[LawVersion]] = {}
    for row in load_json("laws.json"):
        versions.setdefault(row["title"], []).append(
            LawVersion(row["title"], row["adopted"], row["in_force"]))
    return {title: tuple(sorted(v, key=lambda x: x.in_force or "")) for title, v in versions.items()}


def _key(name: str) -> str:
    """Lookup key: spacing and 、 between issuing bodies vary in practice."""
    return re.sub(r"[\s、·]", "", name)


@cache
def _lookup() -> dict[str, tuple[str, ...]]:
    return {_key(name): titles for name, titles in law_titles().items()}


@cache
def law_titles() -> dict[str, tuple[str, ...]]:
    """Every known name (official title, title without 中华人民共和国, alias) → candidate titles."""
    names: dict[str, tuple[str, ...]] = {}
    for title in law_versions():
        names[title] = (title,)
        if title.startswith(PRC):
            names.setdefault(title[len(PRC):], (title,))
    for alias, titles in load_json("law_aliases.json")["aliases"].items():
        names[alias] = tuple(titles)
    return names


def _in_force(title: str) -> str:
    return law_versions()[title][0].in_force or ""


def resolve(name: str, decided_on: date | None = None) -> str | None:
    """Official title for a known name, picking by date when the name is ambiguous.

    Among several candidate titles, the one that most recently came into force
    on or before ``decided_on`` wins; without a date the newest one wins.
    Returns None for names that are not known laws.
    """
    candidates = _lookup().get(_key(name))
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    ordered = sorted(candidates, key=_in_force)
    if decided_on is None:
        return ordered[-1]
    day = decided_on.isoformat()
    in_force = [title for title in ordered if _in_force(title) <= day]
    return in_force[-1] if in_force else ordered[0]


def version_of(title: str, decided_on: date | None) -> str | None:
    """Adoption date of the version of ``title`` in force on ``decided_on``.

    Only for laws with several versions in the reference data (e.g.
    海洋环境保护法 2017/2023); None otherwise.  Without a date: the newest.
    """
    versions = law_versions().get(title, ())
    if len(versions) < 2:
        return None
    if decided_on is None:
        return versions[-1].adopted
    day = decided_on.isoformat()
    current = [v for v in versions if (v.in_force or "") <= day]
    return (current[-1] if current else versions[0]).adopted


def title_from_brackets(inner: str, decided_on: date | None = None) -> str | None:
    """The law named inside 《…》: official title when known, else the text as written.

    Returns None when the brackets hold something that is not a legal norm
    (a decision document, a permit, a report).  Notes such as （2018年修订）
    at the end are dropped before looking the title up.
    """
    bare = _VERSION_NOTE.sub("", re.sub(r"\s+", "", inner))
    known = resolve(bare, decided_on)
    if known:
        return known
    return bare if _NORM_TITLE.search(bare) else None
