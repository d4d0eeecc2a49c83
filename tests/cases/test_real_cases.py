"""The real published cases of ../shared/data/real_cases/ import on a fresh installation (no demo
data), whatever way their place is written; a place that matches no division is kept as text and
the submitter and reviewers are warned."""
import json

import pytest
from django.conf import settings
from django.urls import reverse

from casebase.cases.models import CasePage
from tests.cases.test_import import run_import
from tests.editor import act, current_task_state, edit
from tests.factories import case_record

pytestmark = pytest.mark.django_db

REAL_CASES = settings.SHARED_DIR / "data" / "real_cases" / "cases.jsonl"


def test_every_real_case_imports_on_an_installation_without_demo_data(tmp_path, search_index):
    lines = REAL_CASES.read_text(encoding="utf-8").splitlines()
    out, err = run_import(tmp_path, lines, "--publish")
    assert f"新建 {len(lines)} 条，更新 0 条，拒绝 0 条" in out
    cases = CasePage.objects.live()
    assert cases.count() == len(lines) == 60
    written = {r["ref"]: r for r in map(json.loads, lines)}
    for case in cases:
        record = written[case.ref]
        parts = [p for p in (record["province"], record["city"], record["county"]) if p]
        if case.place_as_written:  # kept as text, and said so
            assert case.place_as_written == "".join(dict.fromkeys(parts))
            assert f"地点“{case.place_as_written}”" in err
        else:  # every part written is one of the case's divisions
            assert set(parts) <= {d.name for d in (case.province, case.city, case.county) if d}, case.ref
    # Municipal districts and county-level units directly under a province became counties.
    assert CasePage.objects.filter(city=None, county__parent__is_placeholder=True).count() >= 7


@pytest.fixture
def unresolved_place_draft(tmp_path, accounts, search_index):
    record = case_record(ref="ZJ-PLACE-1", county="钱江新城")
    out, err = run_import(tmp_path, [record])
    assert "新建 1 条" in out
    assert "第 1 行已导入，但请注意：地点“浙江省杭州市钱江新城”中的“钱江新城”未能对应到行政区划" in err
    return CasePage.objects.get(ref="ZJ-PLACE-1")


def test_a_place_kept_as_text_is_stored_and_shown(unresolved_place_draft):
    case = unresolved_place_draft
    assert (case.city.name, case.county, case.place_as_written) == ("杭州市", None, "浙江省杭州市钱江新城")
    assert case.region_label == "浙江省杭州市钱江新城"


def test_the_submitter_and_the_reviewers_see_the_place_warning_in_the_editor(login, unresolved_place_draft):
    case = unresolved_place_draft
    warning = "地点“浙江省杭州市钱江新城”未能完全对应到行政区划"
    assert warning in editor_html(login("city_hangzhou"), case)
    assert edit(login("city_hangzhou"), case).status_code == 302  # submitted for business review
    assert current_task_state(case).task.name == "业务审核"
    assert warning in editor_html(login("reviewer_business"), case)
    act(login("reviewer_business"), case, "approve")
    assert warning in editor_html(login("reviewer_legal"), case)


def editor_html(client, case) -> str:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()
