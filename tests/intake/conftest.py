"""Set-up of the intake tests: the city index pages of the demo accounts (tests/conftest.py)."""
import pytest

from casebase.cases.models import CityIndexPage


@pytest.fixture
def hangzhou(accounts):
    return CityIndexPage.objects.get(division__name="杭州市")


@pytest.fixture
def wenzhou(accounts):
    return CityIndexPage.objects.get(division__name="温州市")
