"""Compilation periods: a quarter, a half-year or a year, as date ranges and Chinese labels.

A quarter is the procedure's own `Quarter` (casebase/review/reports.py), so a compilation of a
quarter covers the same days and reads the same (2024年第4季度) as the quarterly tracking.
"""
import datetime

from django.db import models
from django.utils import timezone

from casebase.review.reports import Quarter

EARLIEST_YEAR = 2000


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "季度"
    HALF = "half", "半年"
    YEAR = "year", "全年"


PARTS = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}


def check_period(year: int | None, kind: str, part: int | None) -> dict[str, str]:
    """Chinese messages keyed by field for a period that does not exist or has not begun."""
    if year is None or not EARLIEST_YEAR <= year <= timezone.localdate().year:
        return {"year": f"年度应在 {EARLIEST_YEAR} 年至今年之间"}
    if kind == PeriodKind.YEAR:
        return {"part": "全年汇编不用选择第几期"} if part else {}
    if part is None or not 1 <= part <= PARTS[kind]:
        if kind == PeriodKind.HALF:
            return {"part": "半年应为 1（上半年）或 2（下半年）"}
        return {"part": f"请选择第几季度：1 至 {PARTS[kind]}"}
    if period_range(year, kind, part)[0] > timezone.localdate():
        return {"part": "所选期间尚未开始"}
    return {}


def period_range(year: int, kind: str, part: int | None) -> tuple[datetime.date, datetime.date]:
    """First and last day of the period."""
    if kind == PeriodKind.QUARTER:
        quarter = Quarter(year, part or 1)
        return quarter.start, quarter.end - datetime.timedelta(days=1)  # Quarter.end is the day after
    if kind == PeriodKind.HALF and part == 2:
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31)
    if kind == PeriodKind.HALF:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def period_label(year: int, kind: str, part: int | None) -> str:
    """2024年第4季度 / 2024年上半年 / 2024年."""
    if kind == PeriodKind.QUARTER:
        return str(Quarter(year, part))
    if kind == PeriodKind.HALF:
        return f"{year}年{'上' if part == 1 else '下'}半年"
    return f"{year}年"
