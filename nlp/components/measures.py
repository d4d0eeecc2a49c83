"""Measures taken, normalised to the CONTRACTS §3 vocabulary.

Patterns live in ``nlp/data/measures.json``.  A match preceded closely by a
negation or a modal (不予, 免予, 可以, 应当 …) is not a measure taken; this
keeps quoted statutory text (…可以责令停业、关闭) and refusals (不予行政处罚)
out; so does a past event (曾因同类问题被责令停止排污).  Any other order
(责令其加强日常管理, 责令其清理倾倒物) is 责令改正.  罚款 is reported when the fines component found a fine or the text
says a fine was imposed without an amount (并处罚款).
"""
from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from ..resources import load_json
from . import component, folded_text

MEASURES = ("罚款", "警告", "责令改正", "责令停产整治", "责令停业关闭", "限产停产", "查封扣押",
            "按日连续处罚", "行政拘留", "移送公安", "没收违法所得", "责令恢复原状")
# 并处|处 rather than 并?处: with a plain first character in every alternative re can skip ahead.
_FINE_WITHOUT_AMOUNT = r"(?:并处(?:以)?|处(?:以)?|给予|作出|予以)罚款(?!的?(?:决定书|告知))"


@cache
def _rules() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str], int, re.Pattern[str], int,
                      re.Pattern[str]]:
    data = load_json("measures.json")
    patterns = {**data["measures"], "罚款": _FINE_WITHOUT_AMOUNT}
    rules = [(name, re.compile(pattern)) for name, pattern in patterns.items()]
    negation = re.compile("(?:" + "|".join(map(re.escape, data["negations"])) + r")\s*$")
    return (rules, negation, data["negation_window"], re.compile(data["past"]), data["past_window"],
            re.compile(data["proposal"]))


#: Titles of norms (not of documents such as 《责令改正违法行为决定书》, which do name a measure).
_TITLE = re.compile(r"《[^《》]*(?:法|条例|办法|规定|细则|解释|基准|规则)》")
#: 责令 + an order: 责令改正 unless the order is another measure of the vocabulary
#: (责令停产整治, 责令关闭, 责令限制生产, 责令恢复原状) or a payment.
_ORDER = re.compile(r"责令")
_ORDER_CLAUSE = re.compile(r"[^,，。;；、]{0,14}")
_OTHER_ORDER = re.compile(r"停产|停业|关闭|取缔|限制生产|限产|恢复|修复|缴纳|赔偿|搬迁")


def _taken_at(text: str, start: int, titles: list[tuple[int, int]]) -> bool:
    """A match at ``start`` is a measure of this case: not negated, not in a title, not past,
    not proposed to another authority (建议…予以行政拘留)."""
    _, negation, window, past, past_window, proposal = _rules()
    return (not negation.search(text, max(0, start - window), start)
            and not any(s <= start < e for s, e in titles)
            and not (past.search(text, max(0, start - past_window), start)
                     and text.endswith("被", 0, start))
            and not proposal.search(text, max(0, start - past_window), start))


def _affirmed(text: str, pattern: re.Pattern[str], titles: list[tuple[int, int]]) -> bool:
    # A plain loop: for the usual zero or one match, building a generator for any() costs more.
    for match in pattern.finditer(text):
        if _taken_at(text, match.start(), titles):
            return True
    return False


def _plain_order(text: str, titles: list[tuple[int, int]]) -> bool:
    for match in _ORDER.finditer(text):
        clause = _ORDER_CLAUSE.match(text, match.end()).group()
        if clause and not _OTHER_ORDER.search(clause) and _taken_at(text, match.start(), titles):
            return True
    return False


def find(text: str, fine_found: bool) -> list[str]:
    """Measures in folded ``text``, in vocabulary order."""
    rules = _rules()[0]
    titles = [m.span() for m in _TITLE.finditer(text)] if "《" in text else []
    taken = {name for name, pattern in rules if _affirmed(text, pattern, titles)}
    if fine_found:
        taken.add("罚款")
    if "责令改正" not in taken and _plain_order(text, titles):
        taken.add("责令改正")
    return [name for name in MEASURES if name in taken]


@component("casebase_measures", assigns=["measures"], requires=["fine_yuan"])
def find_measures(doc: Doc) -> Doc:
    """Sets ``doc._.measures`` (list of vocabulary values)."""
    underscore = doc._
    underscore.measures = find(folded_text(doc, underscore), underscore.get("fine_yuan") is not None)
    return doc
