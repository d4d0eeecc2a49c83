"""Parse a law file of `shared/laws/` (format in its SOURCES.md) into articles, paragraphs and items.

Pure functions, no database: `parse_law_file(path) -> ParsedLaw`.
"""
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .numbering import ARTICLE_HEADING, ITEM_MARK, cn_to_int

INFO_END = "<!-- INFO END -->"
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_FILE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\.md$")
# 本法自2016年1月1日起施行 / 本条例自发布之日起施行 (the latter means: the adoption date).
_IN_FORCE = re.compile(r"本(?:法|条例|办法|解释|规定|决定)自(\d{4}年\d{1,2}月\d{1,2}日)起施行")
_STRUCTURE_HEADING = re.compile(r"^第[零〇一二两三四五六七八九十百千]+[编章节]|^附\s*则")


@dataclass
class ParsedArticle:
    number: int
    sub_number: int
    chapter: str
    section: str
    # Each paragraph (款) is its text plus the texts of its items (项).
    paragraphs: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        lines = []
        for text, items in self.paragraphs:
            lines.append(text)
            lines.extend(items)
        return "\n".join(lines)


@dataclass
class ParsedLaw:
    title: str
    history: str
    adopted_on: datetime.date
    effective_on: datetime.date
    articles: list[ParsedArticle]


class LawFormatError(ValueError):
    """The file does not follow the format of shared/laws/SOURCES.md."""


def _to_date(match: re.Match) -> datetime.date:
    year, month, day = (int(g) for g in match.groups())
    return datetime.date(year, month, day)


def _adoption_date(path: Path, history: str) -> datetime.date:
    """The date in the file name; for a file without one, the newest date of its history."""
    if match := _FILE_DATE.search(path.name):
        return datetime.date.fromisoformat(match.group(1))
    dates = [_to_date(m) for m in _DATE.finditer(history)]
    if not dates:
        raise LawFormatError(f"{path.name}: no adoption date in the file name or the history")
    return max(dates)


def _effective_date(adopted_on: datetime.date, articles: list[ParsedArticle]) -> datetime.date:
    """When this version took effect: the stated date, unless the version was adopted later
    (an amendment of an older law keeps the original 施行 article but applies from adoption)."""
    for article in reversed(articles):
        if match := _IN_FORCE.search(article.text):
            stated = _to_date(_DATE.match(match.group(1)))
            return max(stated, adopted_on)
    return adopted_on


def _split_blocks(body: str) -> list[str]:
    return [block.strip() for block in body.split("\n\n") if block.strip()]


def parse_articles(blocks: list[str]) -> list[ParsedArticle]:
    articles: list[ParsedArticle] = []
    chapter = section = ""
    in_appendix = False
    for block in blocks:
        if block.startswith("#"):
            heading = re.sub(r"[\s\u3000]+", " ", block.lstrip("#").strip())
            in_appendix = not _STRUCTURE_HEADING.match(heading)
            if "节" in heading.split()[0]:
                section = heading
            elif not in_appendix and "编" not in heading.split()[0]:
                chapter, section = heading, ""
            continue
        if match := ARTICLE_HEADING.match(block):
            number = cn_to_int(match.group(1))
            sub_number = cn_to_int(match.group(2)) if match.group(2) else 0
            articles.append(ParsedArticle(number, sub_number, chapter, section, [(block[match.end():], [])]))
            in_appendix = False
        elif articles and not in_appendix:
            paragraphs = articles[-1].paragraphs
            if ITEM_MARK.match(block):
                paragraphs[-1][1].append(block)
            else:
                paragraphs.append((block, []))
    return articles


def parse_law_file(path: Path) -> ParsedLaw:
    content = path.read_text(encoding="utf-8")
    first_line, _, rest = content.partition("\n")
    if not first_line.startswith("# "):
        raise LawFormatError(f"{path.name}: the first line is not '# <title>'")
    if INFO_END not in rest:
        raise LawFormatError(f"{path.name}: missing {INFO_END}")
    history, _, body = rest.partition(INFO_END)
    history = "\n".join(_split_blocks(history))
    articles = parse_articles(_split_blocks(body))
    if not articles:
        raise LawFormatError(f"{path.name}: no articles found")
    adopted_on = _adoption_date(path, history)
    return ParsedLaw(
        title=first_line[2:].strip(),
        history=history,
        adopted_on=adopted_on,
        effective_on=_effective_date(adopted_on, articles),
        articles=articles,
    )
