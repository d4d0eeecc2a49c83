"""Parsing and validating the parameters of a search request (CONTRACTS §5).

`parse_params(querydict)` returns a `SearchParams` or raises `InvalidParameter`
naming the first bad parameter; the page and the API turn that into a message or
an HTTP 400. Parameters not listed here are ignored.
"""
import re
from dataclasses import dataclass, field, replace

from nlp import normalize

from casebase.cases.sections import SECTION_NAMES
from casebase.core.validators import has_control_characters

MAX_QUERY_LENGTH = 1000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Elasticsearch's default max_result_window: from + size may not pass it.
MAX_RESULT_WINDOW = 10_000
SORTS = ("relevance", "-date", "-fine")
SECTIONS = ("title", *SECTION_NAMES)
# Multi-valued filters, in the order facets are shown.
FILTERS = ("violation_type", "industry", "law", "article", "province", "city", "year", "measure")

# Article and sub-article numbers of four digits at most: no law has more articles, and longer
# numbers overflow the Chinese numerals of the labels (cn2an).
_ARTICLE_KEY = re.compile(r"^[^@:\s]+@(?P<year>\d{4}):[1-9]\d{0,3}(-[1-9]\d{0,3})?$")
_INDUSTRY_CODE = re.compile(r"^[A-T](\d{2,4})?$")
# Years of the People's Republic's decisions and laws; also what the date fields can hold.
YEARS = range(1949, 2101)
MAX_VALUE_LENGTH = 200


class InvalidParameter(ValueError):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message

    def log_line(self, data) -> str:
        """For the log (English, with the values sent, cut short): what was refused."""
        return f"search parameter {self.name!r} refused: {data.getlist(self.name)!r:.200}"


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    section: str | None = None
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fine_min: float | None = None
    fine_max: float | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    sort: str = "relevance"

    def selected(self, name: str) -> tuple[str, ...]:
        return self.filters.get(name, ())

    def with_page(self, page: int, page_size: int | None = None) -> "SearchParams":
        return replace(self, page=page, page_size=page_size or self.page_size)


def parse_params(data, max_page_size: int = MAX_PAGE_SIZE) -> SearchParams:
    """`data` is a QueryDict (or any mapping with `getlist`)."""
    page = _integer(data, "page", 1, minimum=1)
    page_size = _integer(data, "page_size", DEFAULT_PAGE_SIZE, minimum=1, maximum=max_page_size)
    if page * page_size > MAX_RESULT_WINDOW:
        raise InvalidParameter("page", f"最多只能翻到第 {MAX_RESULT_WINDOW // page_size} 页，请缩小检索范围")
    fine_min = _amount(data, "fine_min")
    fine_max = _amount(data, "fine_max")
    if fine_min is not None and fine_max is not None and fine_max < fine_min:
        raise InvalidParameter("fine_max", "罚款上限不能小于下限")
    return SearchParams(
        q=query_text(data, "q"),
        section=_choice(data, "section", SECTIONS, None),
        filters={name: values for name in FILTERS if (values := _filter_values(data, name))},
        fine_min=fine_min,
        fine_max=fine_max,
        page=page,
        page_size=page_size,
        sort=_choice(data, "sort", SORTS, "relevance"),
    )


def query_text(data, name: str, max_length: int = MAX_QUERY_LENGTH) -> str:
    """A free-text parameter, normalised and cut to `max_length`; control characters are refused."""
    raw = data.get(name) or ""
    _check_characters(name, raw)
    return normalize(raw[: 2 * max_length])[:max_length]


def _check_characters(name: str, value: str) -> None:
    if has_control_characters(value):
        raise InvalidParameter(name, "含有不可见的控制字符")


def _filter_values(data, name: str) -> tuple[str, ...]:
    raw = data.getlist(name)
    for value in raw:  # before strip(), which takes \x1c-\x1f for whitespace
        _check_characters(name, value)
    values = tuple(dict.fromkeys(v.strip() for v in raw if v and v.strip()))
    for value in values:
        _check_filter_value(name, value)
    return values


def _check_filter_value(name: str, value: str) -> None:
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidParameter(name, "取值过长")
    if name == "year" and not (value.isascii() and value.isdigit() and int(value) in YEARS):
        raise InvalidParameter(name, "年份应为四位数字，如 2024")
    if name == "article" and not _is_article_key(value):
        raise InvalidParameter(name, "条款应写作“法律简称@版本年份:条号”，如 大气污染防治法@2018:72")
    if name == "industry" and not _INDUSTRY_CODE.match(value):
        raise InvalidParameter(name, "行业应为国民经济行业分类代码，如 C26")


def _is_article_key(value: str) -> bool:
    match = _ARTICLE_KEY.match(value)
    return bool(match) and int(match["year"]) in YEARS


def _integer(data, name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    raw = (data.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise InvalidParameter(name, "应为正整数")
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        limit = f"{minimum} 到 {maximum}" if maximum is not None else f"不小于 {minimum}"
        raise InvalidParameter(name, f"应在 {limit} 之间" if maximum is not None else f"应{limit}")
    return value


def _amount(data, name: str) -> float | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InvalidParameter(name, "应为以元为单位的数字") from None
    if not (0 <= value < 1e13):
        raise InvalidParameter(name, "应为不小于 0 的金额（元）")
    return value


def _choice(data, name: str, choices: tuple[str, ...], default):
    raw = (data.get(name) or "").strip()
    if not raw:
        return default
    if raw not in choices:
        raise InvalidParameter(name, f"应为 {'、'.join(choices)} 之一")
    return raw
