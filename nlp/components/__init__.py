"""spaCy pipeline components; each registers one factory and its Doc extensions.

The components read and write the extensions with :func:`get` and
:func:`put`, straight in ``doc.user_data`` where spaCy keeps them: every
``doc._`` access builds an ``Underscore`` object and looks the extension up,
which adds up to several percent of the extraction time on short texts.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def ensure_extension(name: str, default: Any = None) -> None:
    """Register ``Doc._.<name>`` once per process (idempotent)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


def _key(name: str) -> tuple:
    """The ``doc.user_data`` key under which spaCy keeps ``doc._.<name>``."""
    return ("._.", name, None, None)


def get(doc: Doc, name: str) -> Any:
    """``doc._.<name>``, read straight from ``doc.user_data``."""
    try:
        return doc.user_data[_key(name)]
    except KeyError:  # never set: spaCy supplies (and stores a copy of) the default
        return getattr(doc._, name)


def put(doc: Doc, name: str, value: Any) -> None:
    """``doc._.<name> = value``, written straight into ``doc.user_data``."""
    doc.user_data[_key(name)] = value


def raw_text(doc: Doc) -> str:
    """The caller's original text (the Doc holds the folded text, same offsets)."""
    raw = get(doc, "raw")
    return raw if raw is not None else folded_text(doc)


def folded_text(doc: Doc) -> str:
    """The Doc's text, cached: ``Doc.text`` rebuilds the string from tokens on every access."""
    folded = get(doc, "folded")
    if folded is None:
        folded = doc.text
        put(doc, "folded", folded)
    return folded


ensure_extension("raw")
ensure_extension("folded")
ensure_extension("decided_on")
