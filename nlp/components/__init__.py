"""spaCy pipeline components; each registers one factory and its Doc extensions."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def ensure_extension(name: str, default: Any = None) -> None:
    """Register ``Doc._.<name>`` once per process (idempotent)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


def raw_text(doc: Doc) -> str:
    """The caller's original text (the Doc holds the folded text, same offsets)."""
    raw = doc._.raw
    return raw if raw is not None else folded_text(doc)


def folded_text(doc: Doc) -> str:
    """The Doc's text, cached: ``Doc.text`` rebuilds the string from tokens on every access."""
    ext = doc._  # every ``doc._`` access builds a new accessor object
    if ext.folded is None:
        ext.folded = doc.text
    return ext.folded


ensure_extension("raw")
ensure_extension("folded")
ensure_extension("decided_on")
