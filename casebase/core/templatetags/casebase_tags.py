import datetime
from decimal import Decimal

from django import template
from django.utils.encoding import uri_to_iri

register = template.Library()


@register.filter
def yuan(amount) -> str:
    """120000 → "120,000 元"; 1234.5 → "1,234.50 元" (grouping by thousands, as in penalty decisions)."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{text} 元"


@register.filter
def chinese_date(day: datetime.date | None) -> str:
    """2024-03-05 → "2024年3月5日" (what the templates write as `date:"Y年n月j日"`), for Python writers."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


@register.filter
def readable_url(url: str) -> str:
    """/laws/%E5%A4%A7%E6%B0%94…/ → /laws/大气…/ (an IRI): readable in print, shorter in a page,
    and still a valid link (browsers encode it again when they follow it). Reserved characters
    stay encoded, so the IRI means the same as the URI."""
    return uri_to_iri(url)
