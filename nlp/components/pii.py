"""Personal data that must not be published, as character spans.

Kinds: id_number (居民身份证号码: 18 digits with a valid checksum, or 15 digits
issued before 1999, with a valid birth date and place), phone (CN mobile and
landline numbers valid for ``phonenumbers``), bank_account (16–19 digits with
a bank word nearby or a valid Luhn checksum), plate_number, email, address
(residence of a person: 住址/家住/户籍地…) and person_name (a full name after a
role word such as 法定代表人/举报人/当事人, or before （身份证…）).

Anonymised names (张某, 王某某) are not personal data.  Unified social credit
codes of organisations are recognised only so that their digits are not
taken for an ID or account number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import phonenumbers
from spacy.tokens import Doc
from stdnum import luhn
from stdnum.cn import ric, uscc

from ..resources import load_json, load_words
from . import component, folded_text

KINDS = ("id_number", "phone", "person_name", "address", "plate_number", "bank_account", "email")

_USCC = re.compile(r"(?<![0-9a-z])[0-9a-hj-npqrtuwxy]{2}\d{6}[0-9a-hj-npqrtuwxy]{10}(?![0-9a-z])")
_ID = re.compile(r"(?<![0-9a-z])(?:\d{17}[0-9x]|\d{15})(?![0-9a-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{7,8}(?![0-9])")
_ACCOUNT = re.compile(r"(?<![0-9])\d{4}(?:[\s-]?\d{4}){3}(?:[\s-]?\d{1,3})?(?![0-9])")
_ACCOUNT_CONTEXT = re.compile(r"账号|帐号|账户|帐户|卡号|银行|开户")
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][a-hj-np-z]\s?[·.]?\s?"
    r"(?=[a-hj-np-z0-9]{0,5}\d)[a-hj-np-z0-9]{5,6}(?![0-9a-z])")
_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_CUES = load_json("pii_cues.json")
_ADDRESS = re.compile(
    rf"(?:{'|'.join(_CUES['address_after'])})(?:为|是|在|:)?\s*"
    r"(?P<addr>[^,，。;；\n()、]{4,40})")
_ADDRESS_DETAIL = re.compile(r"[0-9号村组室幢栋弄巷]")
_ROLE = re.compile(rf"(?:{'|'.join(_CUES['name_after'])})(?:为|是|系|:)?\s*")
# 张三（身份证号…）, 李四（联系电话…）: a name right before its identity or contact details.
_ID_CONTEXT = re.compile(rf"\s*\(\s*(?:{'|'.join(_CUES['name_before'])})")
_MASK_CHARS = frozenset("某x×*○〇")


@dataclass(frozen=True)
class PiiSpan:
    """Personal data at ``text[start:end]``."""

    kind: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@cache
def _surnames() -> tuple[str, ...]:
    return tuple(sorted(load_words("surnames.txt"), key=len, reverse=True))


@cache
def _name_regex() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(_surnames()) + r")[\u4e00-\u9fff]{1,2}")


def _phone_ok(candidate: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(candidate, "CN"))
    except phonenumbers.NumberParseException:
        return False


# A 15-digit ID (issued before 1999) is the 18-digit form without the century "19" and the check
# digit. Its holders were born after 1910; the 15-digit registration numbers of businesses
# (营业执照注册号) have zeros where the year would be, so they read as born 1900-1909.
_OLD_ID_FIRST_YEAR = 10


def _id_ok(number: str) -> bool:
    """A valid 居民身份证号码: 18 digits (checksum, birth date, birth place) or 15 digits, checked as
    the 18-digit number it converts to."""
    if len(number) == 15:
        if int(number[6:8]) < _OLD_ID_FIRST_YEAR:
            return False
        body = number[:6] + "19" + number[6:]
        number = body + ric.calc_check_digit(body + "0")
    return ric.is_valid(number)


_DIGITS = re.compile(r"\d{4}")  # every number kind below has a run of four digits


def _numbers(text: str) -> list[PiiSpan]:
    if not _DIGITS.search(text):
        return []
    taken: list[tuple[int, int]] = [m.span() for m in _USCC.finditer(text)
                                    if uscc.is_valid(m.group().upper())]
    spans = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(kind: str, start: int, end: int) -> None:
        spans.append(PiiSpan(kind, start, end))
        taken.append((start, end))

    for m in _ID.finditer(text):
        if free(*m.span()) and _id_ok(m.group().upper()):
            add("id_number", *m.span())
    for m in _ACCOUNT.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        context = _ACCOUNT_CONTEXT.search(text, max(0, m.start() - 20), m.start())
        if free(*m.span()) and 16 <= len(digits) <= 19 and (context or luhn.is_valid(digits)):
            add("bank_account", *m.span())
    for pattern in (_MOBILE, _LANDLINE):
        for m in pattern.finditer(text):
            if free(*m.span()) and _phone_ok(m.group()):
                add("phone", *m.span())
    spans.extend(PiiSpan("plate_number", *m.span()) for m in _PLATE.finditer(text) if free(*m.span()))
    if "@" in text:
        spans.extend(PiiSpan("email", *m.span()) for m in _EMAIL.finditer(text))
    return spans


def _addresses(text: str) -> list[PiiSpan]:
    if "住" not in text and "户籍" not in text:
        return []
    return [PiiSpan("address", *m.span("addr")) for m in _ADDRESS.finditer(text)
            if _ADDRESS_DETAIL.search(m.group("addr"))]


def name_candidates(text: str) -> list[tuple[int, int]]:
    """Spans of folded ``text`` that may hold a full name, in order.

    A candidate is a surname and one or two more characters, right after a
    role word (法定代表人, 举报人 …) or right before （身份证…）.  Where the
    name ends depends on word boundaries, so these spans are where the
    tokenizer runs jieba.
    """
    starts = [m.end() for m in _ROLE.finditer(text)]
    starts += [m.start() - n for m in _ID_CONTEXT.finditer(text) for n in (2, 3, 4)
               if m.start() >= n and _name_regex().fullmatch(text, m.start() - n, m.start())]
    return [match.span() for start in sorted(set(starts)) if (match := _name_regex().match(text, start))]


def _names(doc: Doc, text: str, candidates: list[tuple[int, int]] | None) -> list[PiiSpan]:
    """Full names in ``doc`` (folded ``text``); ``candidates`` as found by the tokenizer, if known."""
    if candidates is None:
        candidates = name_candidates(text)
    if not candidates:
        return []
    boundaries = {token.idx for token in doc} | {len(text)}
    stop = load_words("name_stopwords.txt")
    spans = []
    for start, end in candidates:
        name = _name_at(text, start, end, boundaries, stop)
        if name:
            spans.append(PiiSpan("person_name", start, start + len(name)))
    return spans


def _name_at(text: str, start: int, end: int, boundaries: set[int], stop: frozenset[str]) -> str | None:
    """The full (not anonymised) name in the candidate ``text[start:end]`` that ends on a token boundary."""
    surname = next(s for s in _surnames() if text.startswith(s, start))
    rest = text[start + len(surname):end]
    # No given name after the surname (举报人欧阳。) is no full name.
    if not rest or rest[0] in _MASK_CHARS or any(text.startswith(w, start) for w in stop if len(w) <= 3):
        return None
    for length in range(end - start, len(surname), -1):
        if start + length in boundaries and not (set(text[start:start + length]) & _MASK_CHARS):
            return text[start:start + length]
    return None


def find(doc: Doc) -> list[PiiSpan]:
    """Personal data spans in ``doc`` (offsets into its text), sorted, non-overlapping."""
    underscore = doc._
    text = folded_text(doc, underscore)
    names = _names(doc, text, underscore.get("name_candidates"))
    spans = sorted(_numbers(text) + _addresses(text) + names, key=lambda s: (s.start, -s.end))
    result: list[PiiSpan] = []
    for span in spans:
        if not result or span.start >= result[-1].end:
            result.append(span)
    return result


@component("casebase_pii", assigns=["pii"])
def find_personal_data(doc: Doc) -> Doc:
    """Sets ``doc._.pii`` (list of :class:`PiiSpan`)."""
    doc._.pii = find(doc)
    return doc


def surname_of(name: str) -> str:
    """The surname of a full name (compound surnames first)."""
    return next((s for s in _surnames() if name.startswith(s)), name[:1])
