"""The spaCy pipeline: built once per process, run on folded text.

The Doc holds :func:`nlp.text.fold` of the caller's text (same length, so
every offset is valid for the original); ``doc._.raw`` keeps the original.
jieba runs exactly once per text, inside the tokenizer.
"""
from __future__ import annotations

import logging
from datetime import date
from functools import cache

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .components import citations, classify, fines, measures, parties, pii, region  # noqa: F401 (factories)
from .resources import DATA_DIR
from .text import fold

#: Order matters: measures read fines, the classifier reads citations and parties,
#: region skips the addresses found by pii.
PIPES = ("casebase_citations", "casebase_fines", "casebase_measures", "casebase_parties",
         "casebase_classifier", "casebase_pii", "casebase_region")


@cache
def load_jieba() -> None:
    """Load the domain user dictionary into jieba's default tokenizer (once).

    spaCy's Chinese tokenizer uses jieba's module-level tokenizer, so the
    dictionary has to go there; :func:`nlp.segment` uses the same one.
    """
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(DATA_DIR / "userdict.txt"))


class JiebaTokenizer:
    """jieba words straight into a Doc.

    spaCy's Chinese tokenizer runs the same ``jieba.cut`` but then re-aligns
    words and spaces in Python, which costs about a quarter of jieba's own
    time.  jieba's words already cover every character (whitespace included),
    so the Doc can be built directly with no trailing spaces.  The HMM for
    unknown words is off: the components only need token boundaries (names
    end on one), and dictionary segmentation is about 15% faster.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = jieba.lcut(text, HMM=False)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@cache
def get_nlp() -> Language:
    """The shared pipeline (blank Chinese model, jieba segmenter, casebase components)."""
    load_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    for name in PIPES:
        nlp.add_pipe(name)
    return nlp


def analyse(text: str, decided_on: date | None = None) -> Doc:
    """Run the whole pipeline on ``text``; results are in the Doc's ``_`` attributes."""
    nlp = get_nlp()
    folded = fold(text)
    doc = nlp.make_doc(folded)
    ext = doc._
    ext.raw, ext.folded, ext.decided_on = text, folded, decided_on
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
