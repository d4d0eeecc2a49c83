"""Quarterly tracking against the deadline, and the statistics with their exports."""
import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import WorkflowState

from casebase.review.reports import Quarter
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


def test_the_report_highlights_cities_that_have_not_submitted(login, submitted, settings):
    today = timezone.localdate()
    quarter = Quarter.containing(today)
    settings.CASEBASE_QUARTERLY_DEADLINE_DAY = 28  # today is on time whatever the day
    html = login("province_admin").get(reverse("review_quarterly"), {"year": quarter.year, "quarter": quarter.number}).content.decode()
    assert "未按期报送的地市" in html
    missing_line = next(line for line in html.splitlines() if "未按期报送的地市" in line)
    assert "温州市" in missing_line and "杭州市" not in missing_line


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
