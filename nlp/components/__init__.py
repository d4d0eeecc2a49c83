"""spaCy pipeline components; each registers one factory and its Doc extensions."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def ensure_extension(name: str, default: Any = None) -> None:
    """Register ``Doc._.<name>`` once per process (idempotent)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


def _key(name: str) -> tuple:
    """The ``doc.user_data`` key under which spaCy keeps ``doc._.<name>``.

    Reading it directly skips building an ``Underscore`` accessor object per
    access, which shows in profiles when every component reads the text.
    """
    return ("._.", name, None, None)


_RAW, _FOLDED = _key("raw"), _key("folded")


def raw_text(doc: Doc) -> str:
    """The caller's original text (the Doc holds the folded text, same offsets)."""
    raw = doc.user_data.get(_RAW)
    return raw if raw is not None else folded_text(doc)


def folded_text(doc: Doc) -> str:
    """The Doc's text, cached: ``Doc.text`` rebuilds the string from tokens on every access."""
    folded = doc.user_data.get(_FOLDED)
    if folded is None:
        folded = doc.user_data[_FOLDED] = doc.text
    return folded


ensure_extension("raw")
ensure_extension("folded")
ensure_extension("decided_on")
