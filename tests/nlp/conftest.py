"""Shared helpers for the nlp tests (no Django, no database)."""
from __future__ import annotations

from datetime import date

import pytest

from nlp import find_citations


def keys(text: str, decided_on: date | None = None) -> list[tuple]:
    """(law, article, paragraph, item, role) of each citation, in order."""
    return [(c.law, c.article, c.paragraph, c.item, c.role) for c in find_citations(text, decided_on)]


@pytest.fixture
def cite():
    return keys
