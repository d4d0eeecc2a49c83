"""The spaCy pipeline: built once per process from ``nlp/pipeline.cfg``, run on folded text.

The Doc holds :func:`nlp.text.fold` of the caller's text (same length, so
every offset is valid for the original); ``doc._.raw`` keeps the original.
jieba runs inside the tokenizer, only where words are read (see
:class:`JiebaTokenizer`).
"""
from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .components import citations, classify, fines, measures, parties, pii, region  # noqa: F401 (registers them)
from .resources import DATA_DIR
from .text import fold

CONFIG = Path(__file__).parent / "pipeline.cfg"


@cache
def load_jieba() -> None:
    """Load the domain user dictionary into jieba's default tokenizer (once).

    :class:`JiebaTokenizer` calls jieba's module-level functions, so the
    dictionary has to go there; :func:`nlp.segment` uses the same one.
    """
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(DATA_DIR / "userdict.txt"))


class JiebaTokenizer:
    """jieba words straight into a Doc, only where a component reads words.

    The only component that needs word boundaries is the personal-name
    finder (a name ends on a word boundary), and it only looks at a few
    spans: a surname after a cue such as 举报人/法定代表人 or before
    （身份证… (:func:`pii.name_candidates`).  So the tokenizer runs jieba on
    the blocks holding those spans (see :func:`_widened_to_blocks`) and
    keeps every other stretch of text as one token: the other components
    work on the text with regexes.  The candidates stay on the Doc
    (``doc._.name_candidates``) for the name finder.

    spaCy's own Chinese tokenizer runs the same ``jieba.cut`` but then
    re-aligns words and spaces in Python; jieba's words already cover every
    character, so the Doc is built directly with no trailing spaces.  The
    HMM for unknown words is off: only token boundaries are needed (names
    end on one), and dictionary segmentation is about 15% faster.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        candidates = pii.name_candidates(text)
        words: list[str] = []
        pos = 0
        for start, end in _widened_to_blocks(text, candidates):
            if start > pos:
                words.append(text[pos:start])
            words.extend(jieba.lcut(text[start:end], HMM=False))
            pos = end
        if pos < len(text):
            words.append(text[pos:])
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc._.name_candidates = candidates
        return doc


@spacy.registry.tokenizers("casebase.jieba_tokenizer.v1")
def create_jieba_tokenizer() -> Callable[[Language], JiebaTokenizer]:
    """The ``[nlp.tokenizer]`` of ``pipeline.cfg``: loads the domain dictionary into jieba."""
    def make(nlp: Language) -> JiebaTokenizer:
        load_jieba()
        return JiebaTokenizer(nlp.vocab)
    return make


def _widened_to_blocks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (in order) widened to the edges of jieba's blocks, overlaps merged.

    jieba splits a text into blocks (runs of ``jieba.re_han_default``
    characters: CJK, letters, digits), segments each block on its own and
    makes every other character a word by itself.  So on a span that starts
    and ends at block edges it yields the same words as on the whole text.
    """
    if not spans:
        return []
    blocks = [match.span() for match in jieba.re_han_default.finditer(text)]
    block_starts = [start for start, _ in blocks]

    def block_at(pos: int) -> tuple[int, int] | None:
        """The block holding ``text[pos]``, if any."""
        index = bisect_right(block_starts, pos) - 1
        return blocks[index] if index >= 0 and pos < blocks[index][1] else None

    widened: list[tuple[int, int]] = []
    for start, end in spans:
        first, last = block_at(start), block_at(end - 1)
        start, end = first[0] if first else start, last[1] if last else end
        if widened and start < widened[-1][1]:
            widened[-1] = (widened[-1][0], max(end, widened[-1][1]))
        else:
            widened.append((start, end))
    return widened


@cache
def get_nlp() -> Language:
    """The shared pipeline: blank Chinese model, jieba tokenizer, casebase components."""
    return spacy.util.load_model_from_config(spacy.util.load_config(CONFIG), auto_fill=True)


def analyse(text: str, decided_on: date | None = None) -> Doc:
    """Run the whole pipeline on ``text``; results are in the Doc's ``_`` attributes."""
    nlp = get_nlp()
    folded = fold(text)
    doc = nlp.make_doc(folded)
    underscore = doc._
    underscore.raw, underscore.folded, underscore.decided_on = text, folded, decided_on
    return nlp(doc)
