"""Chinese and Arabic numerals, and money amounts, as numbers."""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an

#: Characters that may make up a numeral in legal text (Chinese, capital, Arabic).
NUMERAL_CHARS = "0-9零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟"
_ARABIC = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=4096)
def to_int(numeral: str) -> int | None:
    """``"一百零八"`` → 108, ``"31"`` → 31, ``"贰拾"`` → 20; None if not a whole number."""
    value = to_number(numeral)
    if value is None or value != int(value):
        return None
    return int(value)


@lru_cache(maxsize=4096)
def to_number(numeral: str) -> float | None:
    """Value of a numeral that may mix Arabic digits with 万/千 (``"1.5万"``)."""
    numeral = numeral.replace(",", "").replace("，", "").strip()
    if not numeral:
        return None
    if _ARABIC.fullmatch(numeral):
        return float(numeral)
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def as_yuan(value: float) -> int | float:
    """Whole yuan as int, otherwise a float rounded to fen."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded
