"""Review tests: a Hangzhou and a Wenzhou draft, driven through the real admin views."""
import pytest

from tests.factories import create_case


@pytest.fixture
def draft(accounts, search_index):
    return create_case(ref="ZJ-HZ-T-001", publish=False, user=accounts["city_hangzhou"])


@pytest.fixture
def wenzhou_draft(accounts, search_index):
    return create_case(ref="ZJ-WZ-T-001", publish=False, city="温州市", county="鹿城区", user=accounts["city_wenzhou"])
