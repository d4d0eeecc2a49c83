"""Officers' accounts: created city by city by the provincial administrator, in their city's
officer group only; every other role is refused."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from casebase.alerts.officers import is_officer
from casebase.cases.library import city_index_for
from casebase.taxonomy.models import Division

pytestmark = pytest.mark.django_db
URL = "/admin/alerts/officers/"
PASSWORD = "Fz-2026-hangzhou!"


def officer_form(**overrides):
    city = city_index_for(Division.objects.get(name="温州市"))
    return {"city": city.pk, "username": "officer_wenzhou_2", "first_name": "温州执法人员", "email": "wz2@casebase.invalid",
            "password1": PASSWORD, "password2": PASSWORD, **overrides}


def test_the_provincial_administrator_creates_an_officer_of_a_city(login):
    admin = login("province_admin")
    assert "officer_hangzhou" in admin.get(URL).content.decode()
    assert admin.post(URL, officer_form()).status_code == 302
    user = get_user_model().objects.get(username="officer_wenzhou_2")
    assert [g.name for g in user.groups.all()] == ["温州市执法人员"]
    assert is_officer(user) and user.check_password(PASSWORD)
    assert not user.is_staff and not user.is_superuser


@pytest.mark.parametrize("overrides, message", [
    ({"username": "officer_hangzhou"}, "此用户名已被占用"),
    ({"password2": "another-password-1"}, "输入的两个密码不一致"),
    ({"password1": "123", "password2": "123"}, "密码长度太短"),
    ({"city": ""}, "请选择所属地市"),
    ({"city": "999999"}, "所选地市不存在"),
    ({"email": ""}, "必需字段"),
])
def test_bad_account_data_is_refused_in_chinese(login, overrides, message):
    response = login("province_admin").post(URL, officer_form(**overrides))
    assert response.status_code == 400 and message in response.content.decode()
    assert not get_user_model().objects.filter(username="officer_wenzhou_2").exists()


@pytest.mark.parametrize("username", ["city_hangzhou", "reviewer_business", "committee_1", "officer_hangzhou"])
def test_other_roles_create_no_accounts(login, username):
    client = login(username)
    assert client.get(URL).status_code == 403
    assert client.post(URL, officer_form()).status_code == 403
    assert not get_user_model().objects.filter(username="officer_wenzhou_2").exists()


def test_every_new_city_gets_its_officer_group(library):
    from django.contrib.auth.models import Group

    city_index_for(Division.objects.get(name="宁波市"))
    assert Group.objects.get(name="宁波市执法人员").permissions.filter(codename="add_savedsearch").exists()
