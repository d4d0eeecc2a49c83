"""Near-duplicate tests: the first real cases published and indexed."""
import pytest

from tests.cases.test_import import run_import
from tests.duplicates.drafts import REAL_CASES

PUBLISHED_COUNT = 12  # RD-001 … RD-012: air, soil, noise (RD-009, RD-010), fraud, vehicles…


@pytest.fixture
def published(tmp_path, accounts, search_index):
    """The first real cases, published (the import refreshes the index), by ref."""
    from casebase.cases.models import CasePage

    lines = REAL_CASES.read_text(encoding="utf-8").splitlines()[:PUBLISHED_COUNT]
    run_import(tmp_path, lines, "--publish")
    return {case.ref: case for case in CasePage.objects.live()}
