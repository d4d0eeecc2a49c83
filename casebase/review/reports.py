"""Quarterly tracking and statistics of the procedure, as plain rows for views and exports."""
import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from casebase.cases.models import CasePage, CityIndexPage
from casebase.taxonomy.models import ViolationType

from .workflow import CASE_WORKFLOW


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def containing(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        """The first day after the quarter."""
        return datetime.date(self.year + 1, 1, 1) if self.number == 4 else datetime.date(self.year, 3 * self.number + 1, 1)

    @property
    def deadline(self) -> datetime.date:
        """Cities report by this day of the quarter's last month (Zhejiang: the 25th)."""
        return datetime.date(self.year, 3 * self.number, settings.CASEBASE_QUARTERLY_DEADLINE_DAY)

    def __str__(self):
        return f"{self.year}年第{self.number}季度"


def _first_submissions():
    """{page id: date it was first submitted for review}."""
    states = WorkflowState.objects.filter(base_content_type__model="page", workflow__name=CASE_WORKFLOW)
    first = {}
    for object_id, created_at in states.order_by("created_at").values_list("object_id", "created_at"):
        first.setdefault(int(object_id), timezone.localdate(created_at))
    return first


@dataclass
class CityQuarterRow:
    city: str
    submitted_on_time: int
    submitted_late: int
    published: int
    # Days until the quarter's deadline, counted from the day the report is made (negative after it).
    days_left: int = 0

    @property
    def has_submitted(self) -> bool:
        return self.submitted_on_time > 0

    @property
    def missed_deadline(self) -> bool:
        """Late only once the deadline has passed: before it, a city simply has not submitted yet."""
        return not self.has_submitted and self.days_left < 0

    @property
    def status(self) -> str:
        if self.has_submitted:
            return "已报送"
        if self.missed_deadline:
            return "未按期报送"
        return f"尚未报送（距截止还有 {self.days_left} 天）"


def _with_parent_path(cases):
    """`cases` annotated with their parent page's tree path: a case belongs to the city whose
    index page it is a child of (what `child_of(city)` selects), in one query for all cities."""
    return cases.annotate(parent_path=Substr("path", 1, (F("depth") - 1) * CasePage.steplen)).order_by()


def _count_per_parent(cases) -> dict[str, int]:
    """{parent page path: number of `cases`}, in one grouped query."""
    return dict(_with_parent_path(cases).values_list("parent_path").annotate(n=Count("pk")))


def quarterly_tracking(quarter: Quarter, today: datetime.date | None = None) -> list[CityQuarterRow]:
    """Per submitting city: cases first submitted by the deadline, after it, and published in the quarter,
    as of `today` (the local date by default)."""
    days_left = (quarter.deadline - (today or timezone.localdate())).days
    first_submitted = _first_submissions()
    case_ids = defaultdict(list)
    for pk, parent_path in _with_parent_path(CasePage.objects.all()).values_list("pk", "parent_path"):
        case_ids[parent_path].append(pk)
    published_per_parent = _count_per_parent(CasePage.objects.published().filter(
        first_published_at__date__gte=quarter.start, first_published_at__date__lt=quarter.end
    ))
    rows = []
    for city in CityIndexPage.objects.order_by("division__code"):
        dates = [first_submitted[pk] for pk in case_ids[city.path] if pk in first_submitted]
        published = published_per_parent.get(city.path, 0)
        rows.append(CityQuarterRow(
            city=city.title,
            submitted_on_time=sum(quarter.start <= d <= quarter.deadline for d in dates),
            submitted_late=sum(quarter.deadline < d < quarter.end for d in dates),
            published=published,
            days_left=days_left,
        ))
    return rows


def cases_per_city() -> list[tuple[str, int]]:
    published = _count_per_parent(CasePage.objects.published())
    counts = Counter()
    for city in CityIndexPage.objects.order_by("division__code"):
        counts[city.title] = published.get(city.path, 0)
    return counts.most_common()


def cases_per_quarter() -> list[tuple[str, int]]:
    counts = Counter(str(Quarter.containing(d)) for d in CasePage.objects.published().values_list("decision_date", flat=True))
    return sorted(counts.items())


def cases_per_violation_type() -> list[tuple[str, int]]:
    rows = (
        ViolationType.objects.filter(parent=None)
        # CasePage.objects.published() is the one definition of what counts as published.
        .annotate(n=Count("casepage", filter=Q(casepage__in=CasePage.objects.published().values("pk")), distinct=True))
        .values_list("name", "n")
    )
    return [(name, n) for name, n in rows if n]


def median_days_per_step() -> list[tuple[str, float, int]]:
    """(step, median days from arrival to decision, decisions counted) for every review step."""
    durations = defaultdict(list)
    finished = TaskState.objects.filter(
        workflow_state__workflow__name=CASE_WORKFLOW, finished_at__isnull=False,
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
    ).select_related("task")
    for state in finished:
        durations[state.task.name].append((state.finished_at - state.started_at).total_seconds() / 86400)
    return [(name, round(statistics.median(days), 2), len(days)) for name, days in durations.items()]
