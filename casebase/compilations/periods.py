"""Compilation periods: a quarter, a half-year or a year, as date ranges and Chinese labels."""
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from casebase.laws.numbering import int_to_cn

EARLIEST_YEAR = 2000


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "季度"
    HALF = "half", "半年"
    YEAR = "year", "全年"


PARTS = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}
MONTHS = {PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}


def check_period(year: int | None, kind: str, part: int | None) -> dict[str, str]:
    """Chinese messages keyed by field for a period that does not exist or has not begun."""
    if year is None or not EARLIEST_YEAR <= year <= timezone.localdate().year:
        return {"year": f"年度应在 {EARLIEST_YEAR} 年至今年之间"}
    if kind == PeriodKind.YEAR:
        return {"part": "全年汇编不用选择第几期"} if part else {}
    if part is None or not 1 <= part <= PARTS[kind]:
        return {"part": f"请选择第几{PeriodKind(kind).label}：1 至 {PARTS[kind]}"}
    if period_range(year, kind, part)[0] > timezone.localdate():
        return {"part": "所选期间尚未开始"}
    return {}


def period_range(year: int, kind: str, part: int | None) -> tuple[datetime.date, datetime.date]:
    """First and last day of the period."""
    months = MONTHS[kind]
    first_month = (part or 1) * months - months + 1
    start = datetime.date(year, first_month, 1)
    after = datetime.date(year + 1, 1, 1) if first_month + months > 12 else datetime.date(year, first_month + months, 1)
    return start, after - datetime.timedelta(days=1)


def period_label(year: int, kind: str, part: int | None) -> str:
    """2024年第四季度 / 2024年上半年 / 2024年."""
    if kind == PeriodKind.QUARTER:
        return f"{year}年第{int_to_cn(part)}季度"
    if kind == PeriodKind.HALF:
        return f"{year}年{'上' if part == 1 else '下'}半年"
    return f"{year}年"
