"""Loading of the data files in ``nlp/data`` (once per process)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


@cache
def load_json(name: str) -> Any:
    """Parsed content of ``nlp/data/<name>``; cached, do not mutate."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``nlp/data/<name>``."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return tuple(line.rstrip("\n") for line in handle
                     if line.strip() and not line.startswith("#"))


@cache
def load_words(name: str) -> frozenset[str]:
    """Whitespace-separated words of a word-list file."""
    return frozenset(word for line in load_lines(name) for word in line.split())
