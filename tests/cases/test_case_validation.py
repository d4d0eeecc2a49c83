import datetime

import pytest
from django.core.exceptions import ValidationError

from casebase.taxonomy.models import Division
from tests.factories import create_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(library, search_index):
    return create_case(ref="ZJ-2024-0300", publish=False)


def errors_of(case) -> dict:
    with pytest.raises(ValidationError) as exc_info:
        case.full_clean()
    return exc_info.value.message_dict


def test_a_valid_case_passes(case):
    case.full_clean()


def test_decision_date_may_not_be_in_the_future(case):
    case.decision_date = datetime.date.today() + datetime.timedelta(days=2)
    assert errors_of(case)["decision_date"] == ["处罚决定日期不能晚于今天"]


def test_fine_may_not_be_negative(case):
    case.fine_yuan = -10
    assert errors_of(case)["fine_yuan"] == ["罚款金额不能为负数"]


def test_the_city_must_lie_in_the_province(case):
    case.city = Division.objects.get(name="昆明市")
    case.county = None
    assert errors_of(case)["city"] == ["“昆明市”不属于所选省份"]


def test_the_county_must_lie_in_the_city(case):
    case.county = Division.objects.get(name="鹿城区", parent__name="温州市")
    assert errors_of(case)["county"] == ["“鹿城区”不属于所选地市"]


def test_ref_is_unique(case):
    other = create_case(ref="ZJ-2024-0301", publish=False)
    other.ref = case.ref
    assert errors_of(other)["ref"] == ["案例编号已被使用"]
