"""Casebase NLP: facts from Chinese environmental-enforcement case texts.

No Django here.  Public API: :func:`extract`, :func:`segment`,
:func:`normalize`, :func:`find_citations`, :func:`find_pii`, :func:`redact`.
"""
from .api import extract, find_citations, find_pii, redact, segment
from .components.citations import Citation
from .components.pii import PiiSpan
from .facts import Facts
from .laws import law_titles
from .text import normalize

__all__ = ["Citation", "Facts", "PiiSpan", "extract", "find_citations", "find_pii", "law_titles",
           "normalize", "redact", "segment"]
