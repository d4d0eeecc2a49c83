"""Quarterly tracking against the deadline, and the statistics with their exports."""
import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import WorkflowState

from casebase.review.reports import Quarter, quarterly_tracking
from tests.editor import act, edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(login, draft, wenzhou_draft):
    """Hangzhou submitted its draft this quarter and it passed business review; Wenzhou did not submit."""
    edit(login("city_hangzhou"), draft)
    act(login("reviewer_business"), draft, "approve")
    return draft


def test_quarter_boundaries_and_deadline(settings):
    settings.CASEBASE_QUARTERLY_DEADLINE_DAY = 25
    q = Quarter(2025, 4)
    assert (q.start, q.end, q.deadline) == (datetime.date(2025, 10, 1), datetime.date(2026, 1, 1), datetime.date(2025, 12, 25))
    assert Quarter.containing(datetime.date(2026, 3, 31)) == Quarter(2026, 1)
    assert str(Quarter(2026, 2)) == "2026年第2季度"


def _submitted_on(case, day: datetime.date):
    WorkflowState.objects.filter(object_id=str(case.pk)).update(
        created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    )


def test_after_the_deadline_the_report_highlights_cities_that_have_not_submitted(login, submitted, settings):
    settings.CASEBASE_QUARTERLY_DEADLINE_DAY = 25
    _submitted_on(submitted, datetime.date(2025, 12, 20))
    html = login("province_admin").get(reverse("review_quarterly"), {"year": 2025, "quarter": 4}).content.decode()
    missing_line = next(line for line in html.splitlines() if "未按期报送的地市" in line)
    assert "温州市" in missing_line and "杭州市" not in missing_line
    assert "尚未报送" not in html


def test_before_the_deadline_no_city_is_late(submitted, settings):
    """On 7 December a city that has not submitted yet is 尚未报送, with the days left to 25 December."""
    settings.CASEBASE_QUARTERLY_DEADLINE_DAY = 25
    _submitted_on(submitted, datetime.date(2026, 11, 2))
    rows = {r.city: r for r in quarterly_tracking(Quarter(2026, 4), today=datetime.date(2026, 12, 7))}
    assert rows["杭州市"].status == "已报送"
    assert not rows["温州市"].missed_deadline
    assert rows["温州市"].status == "尚未报送（距截止还有 18 天）"
    on_deadline = {r.city: r for r in quarterly_tracking(Quarter(2026, 4), today=datetime.date(2026, 12, 25))}
    assert not on_deadline["温州市"].missed_deadline
    after = {r.city: r for r in quarterly_tracking(Quarter(2026, 4), today=datetime.date(2026, 12, 26))}
    assert after["温州市"].missed_deadline and after["温州市"].status == "未按期报送"
    assert not after["杭州市"].missed_deadline


def test_the_page_of_a_quarter_whose_deadline_is_ahead_marks_no_city_late(login, submitted):
    future = Quarter(timezone.localdate().year + 1, 4)
    response = login("province_admin").get(reverse("review_quarterly"), {"year": future.year, "quarter": future.number})
    html = response.content.decode()
    assert "未按期报送" not in html
    pending_line = next(line for line in html.splitlines() if "尚未报送的地市" in line)
    assert "温州市" in pending_line and "杭州市" in pending_line
    csv_rows = login("province_admin").get(
        reverse("review_quarterly"), {"year": future.year, "quarter": future.number, "export": "csv"}
    ).content.decode("utf-8-sig").splitlines()
    assert all(not row.endswith(",是") for row in csv_rows[1:])


def test_a_submission_after_the_deadline_is_late(login, submitted, settings):
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    WorkflowState.objects.filter(pk=state.pk).update(created_at=timezone.make_aware(datetime.datetime(2025, 12, 27, 10)))
    settings.CASEBASE_QUARTERLY_DEADLINE_DAY = 25
    response = login("province_admin").get(reverse("review_quarterly"), {"year": 2025, "quarter": 4, "export": "csv"})
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[0] == "地市,按期报送,逾期报送,本季度发布,未按期报送"
    assert "杭州市,0,1,0,是" in rows


def test_bad_quarter_parameters_fall_back_with_a_message(login, submitted):
    response = login("province_admin").get(reverse("review_quarterly"), {"year": "abc", "quarter": "9"})
    assert response.status_code == 200
    assert "季度参数无效，已显示本季度" in response.content.decode()


def test_statistics_show_charts_and_export_xlsx(login, submitted, library):
    client = login("reviewer_legal")
    html = client.get(reverse("review_statistics")).content.decode()
    for title in ("各地市发布案例数", "各季度案例数", "各违法类型案例数", "各审核环节用时中位数"):
        assert title in html
    assert "<svg" in html
    response = client.get(reverse("review_statistics"), {"table": "review_time", "export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0] == ("环节", "中位数（天）", "决定次数")
    assert rows[1][0] == "业务审核" and rows[1][2] == 1


def test_submitters_may_not_see_tracking(login, submitted):
    for name in ("review_quarterly", "review_statistics"):
        assert login("city_hangzhou").get(reverse(name)).status_code == 403
