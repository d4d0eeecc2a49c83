"""Fines: the total fine imposed on the principal party, in yuan.

CONTRACTS §3's ``fine_yuan`` is "the total fine decided against the party":
the 罚款 on the organisation the case is about, all its violations together,
including the daily penalties (按日连续处罚) that come on top of the original
fine.  Not counted: fines on people answerable for it (法定代表人, 主管人员 …)
or on other people (the haulier 王某 of a waste-dumping case), 没收违法所得,
statutory ranges, daily rates, payments, and fines of earlier cases.

Rules (all on the folded text):
- an amount counts when it is tied to 罚款 (罚款…20万元, 20万元(的)罚款, lists
  such as 罚款10万元、5万元, restatements after a comma: 处所需处置费用三倍的
  罚款，即人民币六十万元 / 罚款，计人民币十八万元) or to a daily penalty
  (按日连续处罚4880万元);
- statutory ranges (十万元以上一百万元以下), daily rates (每日罚款…),
  payments (缴纳罚款…) and earlier penalties (曾因…被处罚款…) are not fines
  imposed;
- the object of 对 before the fine tells whom it is on: people tied to the
  party (对相关主管人员, 对其法定代表人 …) never count; a named person
  (对接收固体废物的王某) counts only when no fine on an organisation is found;
- proposed fines (拟处…) count only when no decided fine of the same kind is
  found;
- a daily penalty (按日连续处罚…) is a penalty of its own: its total (decided,
  else proposed, as the later decision is often not published) is added to
  the original fine;
- per sentence, an explicit total (共计/合计/累计/总计) wins, otherwise the
  distinct amounts are summed; the sentence values are then summed, counting
  a value once (a fine repeated in the 典型意义 part) and dropping a value
  that equals the sum of the others (a closing "罚款共计…"); a total also
  covers the amounts named before it in its paragraph when it is at least
  their sum (罚款7万元；…一并处罚，两项合计罚款37万元).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..numerals import as_yuan, to_number
from ..text import Sentences
from . import component, folded_text

_NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?|[零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟]+"


def _amount(tag: str) -> str:
    return (rf"(?:人民币|rmb)?\s*(?P<n{tag}>{_NUM})\s*"
            rf"(?P<u{tag}>万元|元|万(?=的?罚款|[^\u4e00-\u9fff0-9]|$))整?")


_FINE = re.compile(
    r"(?:罚款|按日(?:连续)?(?:处罚|计罚)(?:罚款)?)(?:金额|数额|总额|总金额|额度)?"
    r"(?:,?\s*(?=即|计|共计|合计|累计|总计))?"
    r"(?:为|达|即|计|人民币|共计|合计|累计|总计|[:\s])*" + _amount("1")
    + "|" + _amount("2") + r"(?:的)?(?:行政)?罚款")
_MORE = re.compile(r"\s*(?:、|和|及|以及|,)\s*" + _amount("3"))
_RANGE_AFTER = re.compile(r"\s*(?:以上|以下|至|到|-|~)")
_RANGE_BEFORE = re.compile(r"(?:以上|至|到|每日|每天|每次|按日|日均)\s*$")
_PAID_BEFORE = re.compile(r"(?:缴纳|缴清|缴付|交纳|上缴|缴|交|减免|减少|退还)\s*$")
_TOTAL = re.compile(r"共计|合计|累计|总计|总额|总金额")
_PROPOSED = re.compile(r"拟|事先告知|告知书")
_DAILY = re.compile(r"按日(?:连续)?(?:处罚|计罚)")
_PAST = re.compile(r"(?:曾|此前|以前|先前|以往|之前|前期)[^,;。]{0,12}(?:被|受到|遭)")
#: The object of 对 is a person answerable for the party (对相关主管人员, 对其法定代表人);
#: 对 starts the clause and the role word may follow a few modifiers (相关, 涉事, 该公司的 …).
_ANCILLARY = re.compile(
    r"对[^,;]{0,8}?(?:法定代表人|法人代表|负责人|主管人员|责任人员|直接责任人|责任人|实际控制人|个人|股东)")
#: The object of 对 is an anonymised person (对张某, 对接收固体废物的王某, 对司机梁某某):
#: a surname and 某/某某 that end the name (对某公司 is not one: its 某 has no surname).
_NAMED_PERSON = re.compile(
    r"对(?:[^,;]{0,14}?[的])?(?:当事人|司机|个人|负责人)?[\u4e00-\u9fff]{1,2}?(?<!对)某{1,2}"
    r"(?:[,、等]|处|罚|作出|给予|予以|个人|$)")


@dataclass(frozen=True)
class FineMention:
    """An amount tied to 罚款; ``kind``: organisation, person, ancillary or proposed."""

    amount: float
    start: int
    end: int
    kind: str
    total: bool
    sentence: int  # start offset of the sentence it is in
    daily: bool = False  # a daily penalty (按日连续处罚), added to the original fine
    paragraph: int = 0  # start offset of its line: a total covers earlier amounts of it only


def find(text: str) -> list[FineMention]:
    """All fine amounts in folded ``text``, classified (see module docstring)."""
    if "罚款" not in text:
        return []
    found = []
    sentences = Sentences(text)
    for match in _FINE.finditer(text):
        tag = "1" if match.group("n1") else "2"
        found.extend(_mention(text, match, tag, match, sentences))
        pos = match.end()
        while more := _MORE.match(text, pos):
            found.extend(_mention(text, more, "3", match, sentences))
            pos = more.end()
    return found


def _mention(text: str, amount: re.Match, tag: str, fine: re.Match,
             sentences: Sentences) -> list[FineMention]:
    start, end = amount.start(f"n{tag}"), amount.end(f"u{tag}")
    value = to_number(amount.group(f"n{tag}"))
    if value is None or value <= 0:
        return []
    if amount.group(f"u{tag}").startswith("万"):
        value *= 10000
    if _RANGE_AFTER.match(text, end) or any(
            _RANGE_BEFORE.search(text, max(0, at - 6), at) for at in (start, fine.start())):
        return []
    if _PAID_BEFORE.search(text, max(0, fine.start() - 4), fine.start()):
        return []
    sent_start = sentences.start(fine.start())
    before = text[sent_start:fine.start()]
    if _PAST.search(before):
        return []
    total = bool(_TOTAL.search(text, max(sent_start, fine.start() - 4), end))
    daily = bool(_DAILY.search(text, sent_start, end))
    paragraph = text.rfind("\n", 0, start) + 1
    return [FineMention(value, start, end, _kind(before), total, sent_start, daily, paragraph)]


def _kind(before: str) -> str:
    """Whom the fine is on, from the text of its sentence before it."""
    clause = before[before.rfind("对"):] if "对" in before else ""
    if clause and _ANCILLARY.match(clause):
        return "ancillary"
    if clause and _NAMED_PERSON.match(clause):
        return "person"
    if _PROPOSED.search(before):
        return "proposed"
    return "organisation"


def total_fine(mentions: list[FineMention]) -> int | float | None:
    """The fine on the principal party in yuan (int when whole), or None.

    The original fine and the daily penalties are chosen each on its own
    (organisation, else a named person, else proposed) and added.
    """
    parts = [_principal([m for m in mentions if m.daily == daily]) for daily in (False, True)]
    found = [part for part in parts if part is not None]
    return as_yuan(sum(found)) if found else None


def _principal(mentions: list[FineMention]) -> float | None:
    for kind in ("organisation", "person", "proposed"):
        chosen = [m for m in mentions if m.kind == kind]
        if chosen:
            return _sum_sentences(_covered_by_totals(chosen))
    return None


def _covered_by_totals(mentions: list[FineMention]) -> list[FineMention]:
    """Without the amounts that a later total of their paragraph sums up (at least their sum)."""
    kept = list(mentions)
    for total in (m for m in mentions if m.total):
        earlier = [m for m in kept if m.paragraph == total.paragraph and m.sentence < total.sentence
                   and not m.total]
        if earlier and sum(set(m.amount for m in earlier)) <= total.amount + 0.005:
            kept = [m for m in kept if m not in earlier]
    return kept


def _sum_sentences(mentions: list[FineMention]) -> float:
    by_sentence: dict[int, list[FineMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    values = []
    for group in by_sentence.values():
        totals = [m.amount for m in group if m.total]
        value = max(totals) if totals else sum(set(m.amount for m in group))
        if value not in values:
            values.append(value)
    whole = sum(values)
    restated = [v for v in values if len(values) > 2 and abs(2 * v - whole) < 0.005]
    return whole - restated[0] if restated else whole


@component("casebase_fines", assigns=["fines", "fine_yuan"])
def find_fines(doc: Doc) -> Doc:
    """Sets ``doc._.fines`` (list of :class:`FineMention`) and ``doc._.fine_yuan``."""
    underscore = doc._
    underscore.fines = fines = find(folded_text(doc, underscore))
    underscore.fine_yuan = total_fine(fines)
    return doc
