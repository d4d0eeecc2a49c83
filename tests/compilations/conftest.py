import pytest
from django.contrib.auth.models import Group

from casebase.review.roles import PROVINCE_ADMINS
from tests.factories import create_case


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def province_admin(django_user_model):
    user = django_user_model.objects.create_user("province_admin_test", password="x")
    user.groups.add(Group.objects.get(name=PROVINCE_ADMINS))
    return user


@pytest.fixture
def cases_2024(library, search_index):
    """Three published 2024 cases: air (Q4, commended), water (Q2) and one without a violation type (Q4)."""
    return [
        create_case(ref="ZJ-2024-0301", decision_date="2024-11-06", commended=True),
        create_case(
            ref="ZJ-2024-0302", title="温州某电镀厂超标排放含镍废水案", city="温州市", county=None,
            decision_date="2024-05-20", violation_types=["水污染"], industry="C33",
            violated=[{"law": "中华人民共和国水污染防治法", "article": 10, "paragraph": None, "item": None}],
            penalty_basis=[{"law": "中华人民共和国水污染防治法", "article": 83, "paragraph": None, "item": 2}],
        ),
        create_case(ref="ZJ-2024-0303", title="杭州某公司噪声扰民案", decision_date="2024-12-01", violation_types=["噪声污染"]),
    ]
