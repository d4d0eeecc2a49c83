"""The public functions (re-exported by ``nlp``)."""
from __future__ import annotations

import re
from datetime import date
from functools import cache

import jieba

from .components import citations as _citations
from .components import pii as _pii
from .components.region import place_regex
from .facts import Facts
from .pipeline import analyse, get_nlp, load_jieba
from .text import fold, normalize

_NOT_A_TOKEN = re.compile(r"[\W_]+")


def extract(text: str, decided_on: date | None = None) -> Facts:
    """All facts of a case text.  Never raises for any ``str`` input.

    ``decided_on`` picks the law version meant by ambiguous aliases (噪声法
    before 2022-06-05 is 环境噪声污染防治法) and the version of laws with
    several versions (海洋环境保护法).  PII offsets index into ``text``.
    """
    return Facts.from_doc(analyse(text, decided_on))


def segment(text: str) -> list[str]:
    """Search tokens: :func:`normalize`, jieba with the domain dictionary, no punctuation.

    Deterministic for a given dictionary; tokens never contain whitespace.
    """
    load_jieba()
    return [token for token in jieba.lcut(normalize(text)) if not _NOT_A_TOKEN.fullmatch(token)]


def find_citations(text: str, decided_on: date | None = None) -> list[_citations.Citation]:
    """Citations in ``text`` in order, one per provision, offsets into ``text``.

    Works on whole case texts and on short queries (大气法第九十九条,
    《水污染防治法》第83条, 环评法31条); ``role`` is None without a
    违反/依据 cue.  Does not run the tokenizer.
    """
    return _citations.find(fold(text), text, decided_on)


def find_pii(text: str) -> list[_pii.PiiSpan]:
    """Personal data spans in ``text``: sorted, non-overlapping, within the text."""
    return _pii.find(get_nlp().make_doc(fold(text)))


def redact(text: str, spans: list[_pii.PiiSpan] | None = None) -> str:
    """``text`` with personal data masked (spans default to :func:`find_pii`).

    Names keep the surname (张三丰 → 张某), digit runs become ****, plates
    keep the province and letter (浙A****), e-mails keep the domain,
    addresses keep the leading division names (杭州市西湖区****).
    """
    spans = find_pii(text) if spans is None else spans
    out = text
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        out = out[:span.start] + _mask(span.kind, text[span.start:span.end]) + out[span.end:]
    return out


@cache
def _division_prefix() -> re.Pattern[str]:
    return re.compile(rf"(?:(?:{place_regex().pattern})(?:省|市|区|县)?)*")


def _mask(kind: str, value: str) -> str:
    if kind == "person_name":
        return _pii.surname_of(value) + "某"
    if kind == "plate_number":
        return value[:2] + "****"
    if kind == "email":
        return "****" + value[value.find("@"):]
    if kind == "address":
        keep = _division_prefix().match(fold(value))
        return value[:keep.end()] + "****"
    return re.sub(r"[0-9xX]+", "****", value) if kind == "id_number" else re.sub(r"\d+", "****", value)
