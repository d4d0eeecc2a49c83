"""No management command ends in a traceback on a state a user can cause: each says in Chinese
what is wrong and exits non-zero (CommandError)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from casebase.cases.models import CasePage
from casebase.taxonomy.models import Measure
from search import breaker
from search.client import get_client
from tests.cases.test_import import run_import
from tests.factories import case_record

pytestmark = pytest.mark.django_db

QUIET = {"stdout": open("/dev/null", "w"), "stderr": open("/dev/null", "w")}
PROJECT = Path(__file__).resolve().parents[2]


def import_file(path, *args):
    call_command("import_cases", str(path), *args, **QUIET)


@pytest.mark.parametrize(("content", "message"), [
    (None, "文件不存在或不是普通文件"),
    ("目录", "文件不存在或不是普通文件"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "不是文本"),  # (GBK text is read: formats.py detects it)
])
def test_import_of_a_file_that_cannot_be_read(tmp_path, content, message):
    path = tmp_path / "cases.jsonl"
    if content == "目录":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        import_file(path)


def test_import_accepts_a_utf8_file_with_a_byte_order_mark(tmp_path, library, search_index):
    out, err = run_import(tmp_path, ["\ufeff" + __import__("json").dumps(case_record(ref="BOM-1"), ensure_ascii=False)])
    assert "新建 1 条" in out and CasePage.objects.filter(ref="BOM-1").exists()


def test_import_without_reference_data_says_what_to_run(tmp_path):
    Measure.objects.all().delete()  # rolled back with the test
    path = tmp_path / "cases.jsonl"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="请先运行 python manage.py load_reference_data"):
        import_file(path)


def test_demo_data_without_reference_data_says_what_to_run():
    Measure.objects.all().delete()
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="load_reference_data"):
        call_command("load_demo_data", **QUIET)


@pytest.fixture
def elasticsearch_unreachable():
    """Points the client at a port where nothing listens; the shared node is left alone."""
    unreachable = {**settings.ELASTICSEARCH, "url": "http://127.0.0.1:9", "timeout": 1}
    get_client.cache_clear()
    with override_settings(ELASTICSEARCH=unreachable):
        yield
    get_client.cache_clear()
    breaker.reset()  # the failures were this fixture's; later tests talk to the real node


def test_import_with_search_unreachable_keeps_the_cases_and_says_how_to_index_them(tmp_path, library, elasticsearch_unreachable):
    path = tmp_path / "cases.jsonl"
    path.write_text(__import__("json").dumps(case_record(ref="NOES-1"), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="案例已写入数据库.*rebuild_search_index"):
        import_file(path, "--publish")
    assert CasePage.objects.get(ref="NOES-1").live


@pytest.mark.parametrize("command", ["rebuild_search_index", "sweep_search_index"])
def test_index_commands_with_search_unreachable_say_so(command, library, elasticsearch_unreachable):
    with pytest.raises(CommandError, match="检索服务（Elasticsearch）不可用"):
        call_command(command, **QUIET)


@pytest.fixture
def shared_copy(tmp_path):
    """A reference directory like ../shared, with laws and data, that a test may spoil."""
    shared = tmp_path / "shared"
    (shared / "laws").mkdir(parents=True)
    (shared / "data").mkdir()
    for name in ("gbt4754_2017_industry.csv", "admin_divisions_nbs2023.csv", "cee_violation_labels.json"):
        (shared / "data" / name).write_bytes((settings.SHARED_DIR / "data" / name).read_bytes())
    with override_settings(SHARED_DIR=shared):
        yield shared


@pytest.mark.parametrize(("spoil", "message"), [
    (lambda data: (data / "admin_divisions_nbs2023.csv").unlink(), "找不到行政区划文件"),
    (lambda data: (data / "gbt4754_2017_industry.csv").write_text("编码,名称\nA,农业\n", encoding="utf-8"), "行业分类文件无法读取或格式不对"),
    (lambda data: (data / "cee_violation_labels.json").write_text("{", encoding="utf-8"), "违法类型文件无法读取或格式不对"),
    (lambda data: (data / "admin_divisions_nbs2023.csv").write_bytes("code,name\n".encode("utf-16")), "行政区划文件不是 UTF-8 编码"),
])
def test_reference_data_that_is_missing_or_malformed_is_named(shared_copy, spoil, message):
    spoil(shared_copy / "data")
    with pytest.raises(CommandError, match=message):
        call_command("load_reference_data", **QUIET)


def test_a_law_file_that_is_not_utf8_is_named(shared_copy):
    (shared_copy / "laws" / "broken.md").write_bytes("中华人民共和国某某法".encode("gbk"))
    with pytest.raises(CommandError, match="法律文件不是 UTF-8 编码"):
        call_command("load_reference_data", **QUIET)


@pytest.mark.parametrize("command", [
    ["setup_site"], ["load_reference_data"], ["load_guides"], ["import_cases", "fixtures/search_judgements.jsonl"],
    ["load_demo_data"],
])
def test_commands_on_a_database_that_was_never_migrated_say_to_migrate(tmp_path, command):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "DJANGO_SETTINGS_MODULE": "casebase.settings.dev"}
    done = subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "请先运行 python manage.py migrate" in done.stderr
