"""Query-time synonyms: groups of interchangeable terms, read from `search/data/synonyms.txt`,
the administrators' `SynonymGroup` snippets and the law names `nlp` knows (title, short names).
The names of the violation types and measures are terms too (groups of one, unless a group
names them): a query that names one is one concept, which the labels of a case match as well.

The engine has no synonym filter, so expansion happens in the query builder and a
change needs no reindexing. Groups are cached in-process for `CACHE_SECONDS`
and dropped at once when an administrator saves a group in this process.
"""
import time
from dataclasses import dataclass
from pathlib import Path

from nlp import law_titles, normalize

from casebase.taxonomy.models import Measure, ViolationType

DATA_FILE = Path(__file__).parent / "data" / "synonyms.txt"
CACHE_SECONDS = 60


@dataclass(frozen=True)
class Group:
    """Interchangeable `terms`, and `narrower` terms that a query for any of them also finds
    (偷排 finds 渗坑; 渗坑 does not find every 偷排)."""

    terms: tuple[str, ...]
    narrower: tuple[str, ...] = ()
    divisible: bool = True  # whether a term holding other terms is found by finding those
    whole_words: bool = False  # found in a query only where it starts and ends a jieba word


def _terms(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalize(t) for t in text.split(",") if t.strip()))


def parse_groups(text: str) -> list[Group]:
    """Groups from the file format: one group per line, terms separated by commas (full-width
    or ASCII) or 、, `#` starts a comment; `a, b => c, d` makes c and d narrower terms of a and b.
    Terms are normalised; a group of one term with no narrower terms is dropped."""
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].replace("，", ",").replace("、", ",")
        terms, _, narrower = line.partition("=>")
        group = Group(_terms(terms), _terms(narrower))
        if group.terms and len(group.terms) + len(group.narrower) > 1:
            groups.append(group)
    return groups


def law_groups() -> list[Group]:
    """One group per law: its official title and every unambiguous short name (大气法, 固废法)."""
    names_by_title: dict[str, list[str]] = {}
    for name, titles in law_titles().items():
        if len(titles) == 1:
            names_by_title.setdefault(titles[0], [titles[0]]).append(name)
    # A law's name is found as a name: 水污染 … 防治法 apart is not the water law.
    return [Group(tuple(dict.fromkeys(normalize(n) for n in names)), divisible=False)
            for names in names_by_title.values() if len(set(names)) > 1]


def _admin_groups() -> list[Group]:
    from .models import SynonymGroup

    return parse_groups("\n".join(SynonymGroup.objects.values_list("terms", flat=True)))


def label_terms() -> list[Group]:
    """The names of the violation types and measures a case is labelled with, each as a group of
    one (names that list several things, 未报、未建、未验, are never typed as such)."""
    names = [*ViolationType.objects.values_list("name", flat=True), *Measure.objects.values_list("name", flat=True)]
    # As whole words only: 排污许可证 stays one word rather than 排污许可 + 证.
    return [Group((normalize(name),), whole_words=True) for name in names if "、" not in name and len(name) > 2]


@dataclass(frozen=True)
class Thesaurus:
    """term → every term of its groups (itself first), then their narrower terms. Terms are
    normalised text."""

    alternatives: dict[str, tuple[str, ...]]
    indivisible: frozenset[str] = frozenset()
    whole_words: frozenset[str] = frozenset()

    @classmethod
    def from_groups(cls, groups: list[Group]) -> "Thesaurus":
        merged: dict[str, list[str]] = {}
        for group in groups:
            for term in group.terms:
                merged.setdefault(term, [term])
                merged[term].extend(t for t in (*group.terms, *group.narrower) if t not in merged[term])
        indivisible = frozenset(t for group in groups if not group.divisible for t in group.terms)
        # A term that some group lets match anywhere matches anywhere.
        anywhere = {t for group in groups if not group.whole_words for t in group.terms}
        whole_words = frozenset(t for group in groups if group.whole_words for t in group.terms) - anywhere
        return cls({term: tuple(alts) for term, alts in merged.items()}, indivisible, whole_words)

    def terms_longest_first(self) -> list[str]:
        return sorted(self.alternatives, key=len, reverse=True)

    def expand(self, term: str) -> tuple[str, ...]:
        return self.alternatives.get(term, (term,))


_cache: dict = {"thesaurus": None, "loaded_at": 0.0}


def thesaurus() -> Thesaurus:
    """The current synonyms (file + administrators' groups + law names)."""
    if _cache["thesaurus"] is None or time.monotonic() - _cache["loaded_at"] > CACHE_SECONDS:
        groups = parse_groups(DATA_FILE.read_text(encoding="utf-8")) + _admin_groups() + law_groups() + label_terms()
        _cache.update(thesaurus=Thesaurus.from_groups(groups), loaded_at=time.monotonic())
    return _cache["thesaurus"]


def forget() -> None:
    """Drops the cached synonyms; the next query reads them again."""
    _cache["thesaurus"] = None
