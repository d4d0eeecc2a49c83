"""The guide finder: an enterprise's own words (“我们是养猪场”, “印刷”) → GB/T 4754-2017
divisions (大类) → the guides of those divisions.

Words are read in three ways, most specific first: the everyday trade words of
`data/industry_words.txt`; the names of the industry classification (a division's name beats
a subclass's: 印刷 → C23 印刷和记录媒介复制业, not C35's 印刷专用设备制造); and, when no name
has the word, the classification's descriptions (说明)."""
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from casebase.taxonomy.models import Industry

WORDS_FILE = Path(__file__).parent / "data" / "industry_words.txt"
MAX_DIVISIONS = 3
# Words that say nothing about the trade, found in many industry names and descriptions.
GENERIC_WORDS = {"企业", "公司", "工厂", "我们", "我的", "生产", "制造", "加工", "经营", "服务", "行业",
                 "有限", "有限公司", "其他", "相关", "产品", "业务", "主要", "开了", "一家", "一个"}
WORD_LINE = re.compile(r"^([A-Z]\d{2}):\s*(.+)$")


@lru_cache(maxsize=1)
def everyday_words() -> dict[str, str]:
    """word → division code, longest words first (so 水产养殖 wins over 养殖)."""
    words = {}
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        match = WORD_LINE.match(line.strip())
        if match:
            words.update({word.strip(): match[1] for word in match[2].split("、") if word.strip()})
    return dict(sorted(words.items(), key=lambda item: -len(item[0])))


def division_code(industry_code: str) -> str:
    """C2319 → C23: the section letter and the two digits of the division."""
    return industry_code[:3]


def divisions_for(query: str) -> list[Industry]:
    """The divisions `query` most likely means, best first (at most MAX_DIVISIONS)."""
    codes = _codes_from_everyday_words(query)
    if not codes:
        for word in _content_words(query):
            codes += [code for code in _codes_from_classification(word) if code not in codes]
    by_code = Industry.objects.in_bulk(codes[:MAX_DIVISIONS], field_name="code")
    return [by_code[code] for code in codes[:MAX_DIVISIONS] if code in by_code]


def _codes_from_everyday_words(query: str) -> list[str]:
    codes, rest = [], query
    for word, code in everyday_words().items():
        if word in rest:
            rest = rest.replace(word, " ")  # 养殖场 is not read again as 养殖
            if code not in codes:
                codes.append(code)
    return codes


def _content_words(query: str) -> list[str]:
    from nlp import segment

    return [word for word in dict.fromkeys(segment(query)) if len(word) >= 2 and word not in GENERIC_WORDS]


def _codes_from_classification(word: str) -> list[str]:
    """The divisions whose nodes are named with `word`, at the highest level that has it;
    else those whose descriptions mention it, most mentions first."""
    named = Industry.objects.filter(name__contains=word, level__gte=Industry.Level.DIVISION).values_list("code", "level")
    if named:
        top = min(level for _, level in named)
        return list(dict.fromkeys(division_code(code) for code, level in named if level == top))
    described = Industry.objects.filter(description__contains=word, level__gte=Industry.Level.DIVISION)
    mentions = Counter(division_code(code) for code in described.values_list("code", flat=True))
    return [code for code, _ in mentions.most_common()]
