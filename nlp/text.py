"""Text normalisation and small regex helpers shared by the pipeline.

``fold`` is length-preserving (one output character per input character), so
character offsets found on folded text are valid offsets into the original
text.  ``normalize`` additionally collapses whitespace and may change length;
it is what ``segment`` and the search index use.
"""
from __future__ import annotations

import re
import unicodedata
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
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for word in set(words):
            if len(word) >= 2:
                self._automaton.add_word(word, len(word))
        if len(self._automaton):
            self._automaton.make_automaton()

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each match in ``text[start:end]``, left to right."""
        end = len(text) if end is None else min(end, len(text))
        if not len(self._automaton) or start >= end:
            return
        for last, length in self._automaton.iter_long(text, start, end):
            yield last + 1 - length, last + 1


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around ``pos`` (split on 。；！？ and newlines)."""
    start = max(text.rfind(c, 0, pos) for c in "。;；!?！？\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。;；!?！？\n") if i != -1]
    return start, min(ends) if ends else len(text)
