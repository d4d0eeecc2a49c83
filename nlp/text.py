"""Text normalisation and small regex helpers shared by the pipeline.

``fold`` is length-preserving (one output character per input character), so
character offsets found on folded text are valid offsets into the original
text.  ``normalize`` additionally collapses whitespace and may change length;
it is what ``segment`` and the search index use.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache

import ahocorasick

_QUOTES = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "『": '"', "』": '"',
    "〈": "《", "〉": "》", "﹤": "《", "﹥": "》",
    "〔": "[", "〕": "]", "【": "[", "】": "]",
    "—": "-", "–": "-", "－": "-", "～": "~",
    "·": "·", "•": "·", "・": "·", "‧": "·",
}


@cache
def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = code - 0xFEE0
    table[0x3000] = 0x20  # ideographic space
    for src, dst in _QUOTES.items():
        table[ord(src)] = ord(dst)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    for code in range(0xFF21, 0xFF3B):  # full-width capitals fold straight to lower case
        table[code] = code - 0xFEE0 + 32
    return table


def fold(text: str) -> str:
    """Full-width→half-width, unified quotes/dashes, lower-cased ASCII.

    The result has exactly the same length as ``text``; every character is
    mapped on its own, so offsets carry over unchanged.
    """
    return text.translate(_fold_table())


_WS = re.compile(r"\s+")
_BOOK_INNER_WS = re.compile(r"《\s*([^《》]*?)\s*》")


def normalize(text: str) -> str:
    """The normalisation used by :func:`nlp.segment` and search queries.

    NFKC, then :func:`fold`; whitespace runs become one space, spaces just
    inside 《》 are removed, and the result is stripped.  Deterministic and
    idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    text = fold(unicodedata.normalize("NFKC", text))
    text = _BOOK_INNER_WS.sub(r"《\1》", text)
    return _WS.sub(" ", text).strip()


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored into a prefix trie.

    Python's ``re`` tries alternatives one by one; a trie keeps matching cost
    proportional to the depth instead of the number of words.  Longer words
    win over their own prefixes (leftmost-longest at a given start).
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return _trie_pattern(trie) or "(?!)"


def _trie_pattern(node: dict) -> str:
    branches = []
    for char in sorted(k for k in node if k):
        branches.append(re.escape(char) + _trie_pattern(node[char]))
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends_here else body


class Gazetteer:
    """Leftmost-longest, non-overlapping lookup of many fixed strings.

    An Aho-Corasick automaton (pyahocorasick): one pass in C over the text,
    whatever the number of words.  Words must be at least two characters long.

    pyahocorasick looks a character up among a node's children one by one,
    so with thousands of words (~1,000 first characters at the root) every
    character of the text costs a long scan.  A match only spans characters
    that occur in some word, and any other character sends the automaton
    back to its root, so it reads only the runs of such characters (a regex
    character class skips the rest far faster), each with the character
    after it: at the end of its input ``iter_long`` reports matches
    differently than before a character it cannot follow.  The matches are
    the same as over the whole text.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for word in set(words):
            if len(word) >= 2:
                self._automaton.add_word(word, len(word))
        if len(self._automaton):
            self._automaton.make_automaton()
        chars = "".join(sorted(map(re.escape, set().union(*self._automaton.keys()))))
        self._runs = re.compile(f"[{chars}]{{2,}}[^{chars}]?" if chars else "(?!)")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each match in ``text[start:end]``, left to right."""
        for run in self._runs.finditer(text, start, len(text) if end is None else end):
            for last, length in self._automaton.iter_long(text, *run.span()):
                yield last + 1 - length, last + 1


_SENTENCE_END = re.compile(r"[。;；!?！？\n]")


class Sentences:
    """Where the sentences of a text start (split on 。；！？ and newlines).

    Components ask for the sentence of many positions of the same text: one
    regex pass and a bisection per question is cheaper than searching
    backwards through the text for each.
    """

    def __init__(self, text: str) -> None:
        self._ends = [match.start() for match in _SENTENCE_END.finditer(text)]

    def start(self, pos: int) -> int:
        """Offset of the first character of the sentence holding ``pos``."""
        before = bisect_left(self._ends, pos)  # how many sentences end before pos
        return self._ends[before - 1] + 1 if before else 0
