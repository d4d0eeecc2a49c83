"""Measures taken, normalised to the CONTRACTS §3 vocabulary.

Patterns live in ``nlp/data/measures.json``.  A match preceded closely by a
negation or a modal (不予, 免予, 可以, 应当 …) is not a measure taken; this
keeps quoted statutory text (…可以责令停业、关闭) and refusals (不予行政处罚)
out.  罚款 is reported when the fines component found a fine or the text
says a fine was imposed without an amount (并处罚款).
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..resources import load_json
from . import ensure_extension, folded_text

MEASURES = ("罚款", "警告", "责令改正", "责令停产整治", "责令停业关闭", "限产停产", "查封扣押",
            "按日连续处罚", "行政拘留", "移送公安", "没收违法所得", "责令恢复原状")
_FINE_WITHOUT_AMOUNT = r"(?:并?处(?:以)?|给予|作出|予以)罚款(?!的?(?:决定书|告知))"


@cache
def _rules() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str], int]:
    data = load_json("measures.json")
    patterns = {**data["measures"], "罚款": _FINE_WITHOUT_AMOUNT}
    rules = [(name, re.compile(pattern)) for name, pattern in patterns.items()]
    negation = re.compile("(?:" + "|".join(map(re.escape, data["negations"])) + r")\s*$")
    return rules, negation, data["negation_window"]


#: Titles of norms (not of documents such as 《责令改正违法行为决定书》, which do name a measure).
_TITLE = re.compile(r"《[^《》]*(?:法|条例|办法|规定|细则|解释|基准|规则)》")


def _affirmed(text: str, pattern: re.Pattern[str], titles: list[tuple[int, int]]) -> bool:
    _, negation, window = _rules()
    return any(not negation.search(text, max(0, m.start() - window), m.start())
               and not any(s <= m.start() < e for s, e in titles)
               for m in pattern.finditer(text))


def find(text: str, fine_found: bool) -> list[str]:
    """Measures in folded ``text``, in vocabulary order."""
    rules, _, _ = _rules()
    titles = [m.span() for m in _TITLE.finditer(text)] if "《" in text else []
    taken = {name for name, pattern in rules if _affirmed(text, pattern, titles)}
    if fine_found:
        taken.add("罚款")
    return [name for name in MEASURES if name in taken]


@Language.factory("casebase_measures")
def make_measures(nlp: Language, name: str) -> "MeasureFinder":
    return MeasureFinder()


class MeasureFinder:
    """Sets ``doc._.measures`` (list of vocabulary values); runs after casebase_fines."""

    def __init__(self) -> None:
        ensure_extension("measures", default=[])

    def __call__(self, doc: Doc) -> Doc:
        doc._.measures = find(folded_text(doc), doc._.fine_yuan is not None)
        return doc
