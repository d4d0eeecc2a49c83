"""Understanding the text of a query: what the officer typed, turned into concepts.

`analyse(q)` splits a normalised query into
- citations (大气法第九十九条, 环评法31条 → the article keys of every version we hold),
- quoted phrases ("露天堆放": must appear as written),
- concepts: a word and its synonyms (偷排 | 私设暗管 | 逃避监管), from the thesaurus
  or from `nlp.segment`, minus stop words.
Callers may rely on `QueryText` being empty (`is_empty`) for a blank query.
"""
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path

from nlp import find_citations, segment

from casebase.laws.models import LawVersion

from .synonyms import Thesaurus, thesaurus

MAX_CONCEPTS = 24
STOPWORDS_FILE = Path(__file__).parent / "data" / "stopwords.txt"
_QUOTED = re.compile(r"\"([^\"]+)\"|'([^']+)'")
_SEPARATORS = re.compile(r"[\s《》\"'()\[\]{}<>,.;:!?，。；：！？、（）]+")


@dataclass(frozen=True)
class Concept:
    """Interchangeable surface forms; the first is the one the user typed.

    `parts`: for a term of the thesaurus that holds smaller concepts (自动监测数据造假 →
    自动监测 + 数据造假), those concepts; a text that has every part also has the concept.
    """

    alternatives: tuple[str, ...]
    parts: tuple["Concept", ...] = ()

    def forms(self) -> list[str]:
        return [*self.alternatives, *(form for part in self.parts for form in part.forms())]


@dataclass(frozen=True)
class Citation:
    """A provision the query names: its article keys across the law's versions."""

    law_title: str
    article_keys: tuple[str, ...]


@dataclass(frozen=True)
class QueryText:
    concepts: tuple[Concept, ...] = ()
    phrases: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.concepts or self.phrases or self.citations)

    def surface_forms(self) -> list[str]:
        """Every text form worth highlighting: phrases, the concepts' forms and their parts'."""
        return [*self.phrases, *(form for c in self.concepts for form in c.forms())]


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if not line.startswith("#") for word in line.split())


def analyse(q: str) -> QueryText:
    """`q` is already normalised (`nlp.normalize`)."""
    phrases = tuple(dict.fromkeys(a or b for a, b in _QUOTED.findall(q) if (a or b).strip()))
    rest = _QUOTED.sub(" ", q)
    citations, rest = _take_citations(rest)
    return QueryText(concepts=tuple(_concepts(rest, thesaurus()))[:MAX_CONCEPTS], phrases=phrases, citations=citations)


def _take_citations(text: str) -> tuple[tuple[Citation, ...], str]:
    found, spans = [], []
    for citation in find_citations(text):
        if citation.article is None:
            continue
        keys = _article_keys(citation.law, citation.article)
        if keys:
            found.append(Citation(citation.law, keys))
            spans.append((citation.start, citation.end))
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return tuple(dict.fromkeys(found)), text


def _article_keys(law_title: str, article: int) -> tuple[str, ...]:
    versions = LawVersion.objects.filter(law__title=law_title).select_related("law")
    return tuple(f"{version.key}:{article}" for version in versions)


def _concepts(text: str, words: Thesaurus, excluded: frozenset[str] = frozenset()):
    seen: set[tuple[str, ...]] = set()
    for chunk in _SEPARATORS.split(text):
        for concept in _chunk_concepts(chunk, words, excluded):
            if concept.alternatives not in seen:
                seen.add(concept.alternatives)
                yield concept


def _chunk_concepts(chunk: str, words: Thesaurus, excluded: frozenset[str]):
    """Thesaurus terms (longest first) as found in the chunk; the text between them segmented."""
    position = 0
    pattern = _thesaurus_pattern(words, excluded)
    for match in pattern.finditer(chunk) if pattern else ():
        if match.group() in words.whole_words and not _at_word_boundaries(chunk, match.start(), match.end()):
            continue
        yield from _segmented(chunk[position:match.start()])
        yield _term_concept(match.group(), words, excluded)
        position = match.end()
    yield from _segmented(chunk[position:])


def _term_concept(term: str, words: Thesaurus, excluded: frozenset[str]) -> Concept:
    """A thesaurus term with its synonyms, and the smaller concepts it is made of (found
    without the term itself), when there are two or more."""
    if term in words.indivisible:
        return Concept(words.expand(term))
    parts = tuple(_concepts(term, words, excluded | {term}))
    return Concept(words.expand(term), parts if len(parts) > 1 else ())


def _at_word_boundaries(chunk: str, start: int, end: int) -> bool:
    """Whether chunk[start:end] begins and ends a jieba word (or the chunk cannot be told)."""
    tokens = segment(chunk)
    if "".join(tokens) != chunk:
        return True
    boundaries = {0, *accumulate(len(token) for token in tokens)}
    return start in boundaries and end in boundaries


def _segmented(text: str):
    for token in segment(text) if text else ():
        if token not in stopwords():
            yield Concept((token,))


@lru_cache(maxsize=64)
def _pattern_for(terms: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else None


def _thesaurus_pattern(words: Thesaurus, excluded: frozenset[str] = frozenset()) -> re.Pattern | None:
    return _pattern_for(tuple(t for t in words.terms_longest_first() if t not in excluded))
