"""Legal citations: law, article (条), paragraph (款), item (项) and role.

Works on the folded text with compiled regexes.  A *mention* names a law
(《…》, a bare title or alias, or a back reference such as 该法/上述条例;
该条第X款 is the article cited last, 该款 the paragraph cited last);
the article chain right after it (第三十一条第一款和第二款, 第十条至第十二条,
第九十九条第(二)项、第(三)项 …) yields one citation per provision.  The role
comes from the nearest trigger word before the mention in the same sentence:
违反/不符合/未按照… → "violated", 依据/根据/依照/按照/参照/符合/属于… → "basis".

A law named in 《》 with no article after it gets one citation with
``article=None`` when a role is known ("违反了《环境影响评价法》的规定",
"依据《…裁量权规定》及相关裁量标准"); the contract asks for provisions, but
dropping the law would lose the only legal reference.  A bare alias without
article needs (的)规定 after it; otherwise it is just a mention that later
back references may point to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc

from .. import laws
from ..numerals import to_int
from ..resources import load_json
from ..text import Sentences, trie_regex
from . import component, folded_text, raw_text

_NUM = r"[0-9零〇一二三四五六七八九十百千两]+"
_CUES = load_json("citation_cues.json")
_BACK_REFS: dict[str, str] = _CUES["back_references"]  # back reference → ending of the title it points to
_ROLE_OF = {word: role for role, words in _CUES["role_triggers"].items() for word in words}
_TOKEN = re.compile(
    rf"\s*(?:(?P<sep>[、和及与或至到~\-]|以及|或者|,(?=\s*第))\s*)?"
    rf"(?:(?P<art>第?(?P<a>{_NUM})条(?:之[一二三四五六七八九十])?)"
    rf"|(?P<para>第(?P<p>{_NUM})款)"
    rf"|(?P<item>第\(?(?P<i>{_NUM})\)?项|\((?P<i2>{_NUM})\)项?))")
_VERSION_NOTE = re.compile(r"\s*\(\d{4}年?[^()]{0,8}\)")
_NO_ARTICLE = re.compile(r"\s*的?\s*(?:有关|相关)?规定")
_RANGE = frozenset("至到~-")
_MAX_RANGE = 30


@dataclass(frozen=True)
class Citation:
    """One cited provision.  ``start``/``end`` span the law mention up to this provision."""

    law: str
    article: int | None
    paragraph: int | None = None
    item: int | None = None
    role: str | None = None
    start: int = 0
    end: int = 0
    version: str | None = None  # adoption date, only for laws with several versions

    def key(self) -> tuple[str, int | None, int | None, int | None]:
        return (self.law, self.article, self.paragraph, self.item)

    def to_dict(self) -> dict:
        """The CONTRACTS §3 form (no spans, no role)."""
        return {"law": self.law, "article": self.article, "paragraph": self.paragraph,
                "item": self.item}


@dataclass(frozen=True)
class _Mention:
    law: str | None  # None: back reference resolved later
    start: int
    end: int
    kind: str  # "named", "bare", "back", "same_article", "same_paragraph", "implicit"
    back_ending: str = ""


@cache
def _names() -> re.Pattern[str]:
    # A trie regex: the law names are few, so sre's branch-by-branch matching stays cheap.
    return re.compile(rf"(?:{trie_regex(name for name in laws.law_titles() if len(name) >= 2)})(?!律)")


@cache
def _mention_regex() -> re.Pattern[str]:
    back = "|".join(sorted(_BACK_REFS, key=len, reverse=True))
    triggers = "|".join(_CUES["implicit_triggers"])
    return re.compile(
        rf"《(?P<book>[^《》\n]{{1,60}})》"
        rf"|(?P<back>{back})"
        rf"|(?P<same_article>该条|同条|本条)(?=第{_NUM}[款项])"
        rf"|(?P<same_paragraph>该款|同款|本款)"
        rf"|(?P<implicit>(?:{triggers})了?)(?=第{_NUM}条)")


@cache
def _trigger_regex() -> re.Pattern[str]:
    # Longest words first.  Plain literals (no group per word) let re skip straight
    # to the next possible first character instead of trying every position.
    return re.compile("|".join(map(re.escape, sorted(_ROLE_OF, key=len, reverse=True))))


def _role(text: str, pos: int, sentences: Sentences) -> str | None:
    last = None
    for match in _trigger_regex().finditer(text, sentences.start(pos), pos):
        last = match
    return _ROLE_OF[last.group()] if last else None


def _mentions(text: str, raw: str, decided_on: date | None) -> list[_Mention]:
    found = []
    books: list[tuple[int, int]] = []
    for match in _mention_regex().finditer(text):
        kind = match.lastgroup
        if kind == "book":
            books.append(match.span())
            law = laws.title_from_brackets(raw[match.start("book"):match.end("book")], decided_on)
            if law:
                found.append(_Mention(law, match.start(), match.end(), "named"))
        elif kind == "back":
            found.append(_Mention(None, match.start(), match.end(), "back",
                                  _BACK_REFS[match.group()]))
        else:  # "same_article", "same_paragraph" and "implicit" refer to the last law named
            found.append(_Mention(None, match.start(), match.end(), kind))
    for match in _names().finditer(text):  # (?!律): 环境保护法律 is not a title
        if not any(s <= match.start() < e for s, e in books):
            found.append(_Mention(laws.resolve(match.group(), decided_on), *match.span(), "bare"))
    return sorted(found, key=lambda m: m.start)


def _chain(text: str, pos: int, seed: int | None = None) -> list[tuple]:
    """Provisions ``(article, paragraph, item, end)`` of the article chain at ``pos``.

    ``seed`` is an article already known (该条第二款); it is only reported
    when a paragraph or item refines it.
    """
    out: list[list] = [[seed, None, None, pos]] if seed is not None else []
    while match := _TOKEN.match(text, pos):
        sep = match.group("sep")
        if sep is None and out and match.group("art"):
            break  # "第十条第十二条" without separator is not a list
        in_range = sep is not None and sep in _RANGE and bool(out)
        end = match.end()
        if match.group("art"):
            value = to_int(match.group("a"))
            if value is None:
                break
            if in_range and out[-1][0] is not None:
                out.extend([n, None, None, end] for n in _span(out[-1][0], value))
            out.append([value, None, None, end])
        else:
            level = 1 if match.group("para") else 2
            value = to_int(match.group("p") or match.group("i") or match.group("i2"))
            if value is None or not out:
                break
            last = out[-1]
            if sep is None and last[level] is None and (level == 2 or last[2] is None):
                last[level], last[3] = value, end
            else:
                base = last[:level] + [None] * (3 - level)
                if in_range and last[level] is not None:
                    for n in _span(last[level], value):
                        out.append(base[:level] + [n] + base[level + 1:] + [end])
                out.append(base[:level] + [value] + base[level + 1:] + [end])
        pos = end
    if seed is not None and out[0][1:3] == [None, None]:
        out.pop(0)
    return [tuple(p) for p in out]


def _span(first: int, last: int) -> range:
    """Values strictly between ``first`` and ``last`` of a range like 第十条至第十二条."""
    if last <= first or last - first > _MAX_RANGE:
        return range(0)
    return range(first + 1, last)


def _resolve_back(mention: _Mention, history: list[str]) -> str | None:
    for law in reversed(history):
        if law.endswith(mention.back_ending):
            return law
    return history[-1] if history else None


def find(text: str, raw: str | None = None, decided_on: date | None = None) -> list[Citation]:
    """All citations in folded ``text`` (``raw``: the unfolded original, for titles as written)."""
    raw = raw if raw is not None else text
    citations: list[Citation] = []
    history: list[str] = []  # laws in the order they were named
    sentences = Sentences(text)
    for mention in _mentions(text, raw, decided_on):
        law = mention.law if mention.kind in ("named", "bare") else _resolve_back(mention, history)
        if law is None:
            continue
        pos = mention.end
        if mention.kind in ("named", "bare"):
            note = _VERSION_NOTE.match(text, pos)
            pos = note.end() if note else pos
        seed = None
        if mention.kind in ("same_article", "same_paragraph"):
            if not citations or citations[-1].article is None:
                continue
            seed = citations[-1].article
        if mention.kind == "same_paragraph":  # 该款(第X项): the paragraph cited last
            last = citations[-1]
            if last.paragraph is None:
                continue
            items = [i for _, _, i, _ in _chain(text, pos, 0) if i is not None]
            provisions = ([(last.article, last.paragraph, i, pos) for i in items]
                          or [(last.article, last.paragraph, None, pos)])
        else:
            provisions = _chain(text, pos, seed)
        role = _role(text, mention.start if mention.kind != "implicit" else mention.end, sentences)
        if mention.kind in ("named", "bare"):
            history.append(law)
            if not provisions and role and (mention.kind == "named" or _NO_ARTICLE.match(text, pos)):
                provisions = [(None, None, None, pos)]
        version = laws.version_of(law, decided_on)
        citations.extend(Citation(law, a, p, i, role, mention.start, end, version)
                         for a, p, i, end in provisions)
    return citations


@component("casebase_citations", assigns=["citations"])
def cite(doc: Doc) -> Doc:
    """Sets ``doc._.citations`` (list of :class:`Citation`, in text order)."""
    underscore = doc._
    underscore.citations = find(folded_text(doc, underscore), raw_text(doc, underscore),
                                underscore.get("decided_on"))
    return doc

