import json

import pytest
from django.core.management import call_command
from django_tasks.signals import task_enqueued
from wagtail.models import PageLogEntry

from casebase.cases.models import CaseCitation, CasePage
from search.client import get_client
from search.documents import alias_name
from search.signals import case_indexed
from tests.factories import case_record, create_case

pytestmark = pytest.mark.django_db


def run_import(tmp_path, records, *args):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    out, err = _Capture(), _Capture()
    call_command("import_cases", str(path), *args, stdout=out, stderr=err)
    return out.text, err.text


class _Capture:
    def __init__(self):
        self.text = ""

    def write(self, value):
        self.text += value

    def flush(self):
        pass


def indexed_refs():
    get_client().indices.refresh(index=alias_name())
    hits = get_client().search(index=alias_name(), query={"match_all": {}}, size=100)["hits"]["hits"]
    return {hit["_source"]["ref"] for hit in hits}


def test_valid_lines_are_published_with_their_facts_and_searchable_on_return(tmp_path, library, search_index):
    out, err = run_import(tmp_path, [case_record(ref="ZJ-2024-0113"), case_record(ref="ZJ-2024-0114")], "--publish")
    assert "新建 2 条，更新 0 条，拒绝 0 条" in out
    assert err == ""
    case = CasePage.objects.get(ref="ZJ-2024-0113")
    assert case.live
    assert case.get_parent().title == "杭州市"
    assert (case.province.name, case.city.name, case.county.name) == ("浙江省", "杭州市", "余杭区")
    assert case.fine_yuan == 120000
    assert {m.name for m in case.measures.all()} == {"罚款", "责令改正"}
    basis = case.basis_citations()[0]
    assert (basis.provision.paragraph, basis.provision.item) == (1, 1)
    assert basis.provision.version.adopted_on.year == 2018
    assert "<p>" in case.basic_facts
    assert PageLogEntry.objects.filter(page=case, action="cases.import").exists()
    assert indexed_refs() == {"ZJ-2024-0113", "ZJ-2024-0114"}


def test_a_published_import_indexes_its_cases_once_in_bulk_not_once_more_per_case(
    tmp_path, library, search_index, django_capture_on_commit_callbacks
):
    enqueued, indexed = [], []

    def on_enqueued(sender, task_result, **kwargs):
        enqueued.append(task_result.task.name)

    def on_indexed(sender, page_id, public, **kwargs):
        indexed.append((page_id, public))

    task_enqueued.connect(on_enqueued)
    case_indexed.connect(on_indexed)
    try:
        records = [case_record(ref="ONCE-1"), case_record(ref="ONCE-2", commended=True)]
        with django_capture_on_commit_callbacks(execute=True):  # as outside a test's transaction
            run_import(tmp_path, records, "--publish")
    finally:
        task_enqueued.disconnect(on_enqueued)
        case_indexed.disconnect(on_indexed)
    assert "sync_case" not in enqueued
    assert sorted(indexed) == sorted((pk, True) for pk in CasePage.objects.filter(ref__startswith="ONCE-").values_list("pk", flat=True))
    assert indexed_refs() == {"ONCE-1", "ONCE-2"}


def test_a_case_published_outside_an_import_is_still_indexed_on_its_own(library, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create_case(ref="ALONE-1")
    assert indexed_refs() == {"ALONE-1"}


def test_without_publish_cases_are_drafts_of_their_city(tmp_path, library, search_index):
    run_import(tmp_path, [case_record(ref="ZJ-D-1", city="温州市", county=None)])
    case = CasePage.objects.get(ref="ZJ-D-1")
    assert not case.live
    assert case.get_parent().title == "温州市"
    assert indexed_refs() == set()


def test_the_importer_resolves_each_citation_once_not_again_when_it_is_saved(tmp_path, library, search_index, monkeypatch):
    resolved = []
    original = CaseCitation.resolve
    monkeypatch.setattr(CaseCitation, "resolve", lambda self, on: resolved.append(self.law_title) or original(self, on))
    run_import(tmp_path, [case_record(ref="RESOLVE-1")])
    case = CasePage.objects.get(ref="RESOLVE-1")
    assert resolved == []
    assert all(c.provision is not None for c in case.citations.all())
    citation = case.citations.first()
    citation.article = citation.article + 1  # an edited address is resolved again
    citation.save()
    assert resolved == [citation.law_title]


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"province": "火星省", "city": "不存在市", "county": None}, "province", "无法确定省份"),
        ({"decision_date": "2024-13-01"}, "decision_date", "日期格式错误"),
        ({"decision_date": "2999-01-01"}, "decision_date", "晚于今天"),
        ({"fine_yuan": -1}, "fine_yuan", "不能为负数"),
        ({"fine_yuan": "十万"}, "fine_yuan", "不是数字"),
        ({"violated": [{"law": "中华人民共和国火星保护法", "article": 1}]}, "violated[0]", "未知的法律法规"),
        ({"penalty_basis": [{"law": "大气污染防治法", "article": 999}]}, "penalty_basis[0]", "没有第九百九十九条"),
        ({"measures": ["罚酒三杯"]}, "measures", "未知的取值"),
        ({"violation_types": ["光污染"]}, "violation_types", "未知的取值"),
        ({"industry": "Z99"}, "industry", "未知的行业代码"),
        ({"title": " "}, "title", "缺少标题"),
    ],
)
def test_a_bad_line_is_rejected_with_its_number_and_field_and_nothing_is_written(
    tmp_path, library, search_index, overrides, field, reason
):
    out, err = run_import(tmp_path, [case_record(ref="GOOD-1"), case_record(ref="BAD-1", **overrides)], "--publish")
    assert "新建 1 条，更新 0 条，拒绝 1 条" in out
    assert f"第 2 行被拒绝：{field}：" in err
    assert reason in err
    assert not CasePage.objects.filter(ref="BAD-1").exists()
    assert CasePage.objects.filter(ref="GOOD-1").exists()


def test_a_line_that_is_not_json_is_rejected(tmp_path, library, search_index):
    out, err = run_import(tmp_path, ['{"ref": "X"', case_record(ref="GOOD-2")], "--publish")
    assert "第 1 行被拒绝：(整行)：不是有效的 JSON" in err
    assert "新建 1 条，更新 0 条，拒绝 1 条" in out


def test_importing_the_same_ref_again_updates_instead_of_duplicating(tmp_path, library, search_index):
    run_import(tmp_path, [case_record(ref="ZJ-2024-0200")], "--publish")
    out, _ = run_import(tmp_path, [case_record(ref="ZJ-2024-0200", title="更新后的标题", fine_yuan=150000)], "--publish")
    assert "新建 0 条，更新 1 条，拒绝 0 条" in out
    case = CasePage.objects.get(ref="ZJ-2024-0200")
    assert (case.title, case.fine_yuan) == ("更新后的标题", 150000)
    assert case.citations.count() == 2
    assert CasePage.objects.filter(ref="ZJ-2024-0200").count() == 1


def test_a_citation_of_a_law_not_yet_in_force_is_kept_without_a_provision_link(tmp_path, library, search_index):
    record = case_record(
        ref="ZJ-2019-0001", decision_date="2019-05-01",
        violated=[{"law": "固体废物污染环境防治法", "article": 20}], penalty_basis=[],
    )
    run_import(tmp_path, [record], "--publish")
    citation = CasePage.objects.get(ref="ZJ-2019-0001").citations.get()
    assert citation.law_title == "中华人民共和国固体废物污染环境防治法"
    assert citation.provision is None


def test_a_missing_file_is_a_clear_error(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import_cases", str(tmp_path / "nope.jsonl"))


def test_fields_a_line_does_not_give_are_filled_by_extraction(tmp_path, library, search_index):
    record = case_record(ref="ZJ-2024-0500", fine_yuan=None)
    for name in ("violated", "penalty_basis", "fine_yuan", "measures", "violation_types", "industry"):
        record.pop(name)
    record["handling"] += "另，依据《浙江省大气污染防治条例》第五十条的规定从重处罚。"
    run_import(tmp_path, [record], "--publish")
    case = CasePage.objects.get(ref="ZJ-2024-0500")
    assert case.fine_yuan == 120000
    assert {m.name for m in case.measures.all()} >= {"罚款", "责令改正"}
    assert {t.name for t in case.violation_types.all()} == {"大气污染"}
    assert case.industry.code == "C26"
    violated = [(c.law_title, c.article) for c in case.violated_citations()]
    assert ("中华人民共和国大气污染防治法", 45) in violated
    basis = {c.law_title: c for c in case.basis_citations()}
    assert basis["中华人民共和国大气污染防治法"].provision.key == "大气污染防治法@2018:108.1.1"
    # A local regulation Casebase does not hold keeps its own title, unlinked.
    assert basis["浙江省大气污染防治条例"].provision is None


def test_fields_a_line_gives_are_never_overwritten_by_extraction(tmp_path, library, search_index):
    run_import(tmp_path, [case_record(ref="ZJ-2024-0501", fine_yuan=99000, measures=["警告"])], "--publish")
    case = CasePage.objects.get(ref="ZJ-2024-0501")
    assert case.fine_yuan == 99000
    assert [m.name for m in case.measures.all()] == ["警告"]


def test_unknown_keys_are_ignored_with_a_warning_per_line_and_the_source_is_kept(tmp_path, library, search_index, client):
    extra = {"labels": {"fine_yuan": 1}, "notes": "转载页面", "publisher": "某省生态环境厅", "source_url": "https://example.gov.cn/a.html"}
    out, err = run_import(tmp_path, [case_record(ref="SRC-1", **extra), case_record(ref="SRC-2", notes="x")], "--publish")
    assert "新建 2 条，更新 0 条，拒绝 0 条" in out
    assert "第 1 行已导入，但请注意：已忽略不是导入字段的键：labels、notes" in err
    assert "第 2 行已导入，但请注意：已忽略不是导入字段的键：notes" in err
    case = CasePage.objects.get(ref="SRC-1")
    assert case.fine_yuan == 120000  # the line's own field, not the ignored labels
    assert (case.publisher, case.source_url) == ("某省生态环境厅", "https://example.gov.cn/a.html")
    html = client.get(case.url).content.decode()
    assert "某省生态环境厅" in html and 'href="https://example.gov.cn/a.html"' in html


def test_a_source_address_that_is_not_a_web_address_is_kept_but_not_linked(tmp_path, library, search_index, client):
    run_import(tmp_path, [case_record(ref="SRC-3", source_url="javascript:alert(1)")], "--publish")
    case = CasePage.objects.get(ref="SRC-3")
    assert case.source_url == "javascript:alert(1)" and case.source_link == ""
    assert "javascript:alert" not in client.get(case.url).content.decode()
