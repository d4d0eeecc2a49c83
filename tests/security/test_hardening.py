"""Deployment hardening: the Content-Security-Policy header, HTTPS settings from the environment
(`check --deploy` clean), no Django admin, no Wagtail default groups with publish rights."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def production_check(**env) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if k != "DEBUG"}  # the test settings set DEBUG
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "casebase.settings.production",
                   "SECRET_KEY": "x7Kq2-a-long-and-random-production-secret-key-0123456789abcdef", **env}
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_production_defaults():
    result = production_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_hsts_and_the_ssl_redirect_can_be_turned_off_from_the_environment():
    result = production_check(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout and "security.W008" in result.stderr + result.stdout


def test_public_and_admin_pages_send_a_content_security_policy(client, login, home_page):
    public = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in public and "unsafe-inline" not in public.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in public and "frame-ancestors 'self'" in public
    admin = login("province_admin").get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin


def test_the_django_admin_is_not_mounted(client, login):
    assert client.get("/django-admin/").status_code == 404
    assert login("province_admin").get("/django-admin/login/").status_code == 404


def test_wagtails_default_groups_are_gone():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(group__name__in=["Editors", "Moderators"]).exists()
    assert not GroupCollectionPermission.objects.filter(group__name__in=["Editors", "Moderators"]).exists()
    # Nobody but superusers may publish anything: publication goes through review.
    assert not GroupPagePermission.objects.filter(permission__codename="publish_page").exists()
