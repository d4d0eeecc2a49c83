"""Repeated wrong passwords lock the username out of Wagtail's admin login (django-axes)."""
import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "casebase-demo"


@pytest.fixture
def city_user(accounts):
    user = accounts["city_hangzhou"]
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, password: str, username: str = "city_hangzhou"):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def test_twenty_wrong_passwords_lock_the_account_even_against_the_right_one(client, city_user, settings):
    answers = [attempt(client, f"guess-{n}").status_code for n in range(20)]
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(answers[settings.AXES_FAILURE_LIMIT:]) == {429}
    locked = attempt(client, PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂时锁定" in page and "连续 5 次输入错误的密码" in page and "15 分钟" in page
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still signed out


def test_another_account_still_signs_in(client, city_user, accounts):
    for n in range(6):
        attempt(client, f"guess-{n}")
    other = accounts["city_wenzhou"]
    other.set_password(PASSWORD)
    other.save()
    assert attempt(client, PASSWORD, "city_wenzhou").status_code == 302


def test_a_right_password_before_the_limit_signs_in_and_resets_the_count(client, city_user):
    for n in range(3):
        attempt(client, f"guess-{n}")
    assert attempt(client, PASSWORD).status_code == 302


def test_authentication_without_a_request_still_works(city_user):
    """Management commands and shells authenticate without a request; nothing to throttle there."""
    assert authenticate(username="city_hangzhou", password=PASSWORD) == city_user
