"""Officers' saved searches and the matches that alert them."""
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.utils import timezone

from search.params import SearchParams, parse_params

# What a saved search keeps of a search's parameters: everything that decides which cases
# it finds and in what order, never the paging.
KEPT_PARAMETERS = ("q", "section", "sort", "fine_min", "fine_max")


class Frequency(models.TextChoices):
    INSTANT = "instant", "即时提醒"
    DAILY = "daily", "每日汇总"
    OFF = "off", "不提醒"


class SavedSearch(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField("名称", max_length=60)
    # The search's parameters as a query string (what /search/?… carries), validated by
    # search.params.parse_params when saved and read again at every match.
    query = models.CharField(max_length=2000)
    frequency = models.CharField("提醒方式", max_length=10, choices=Frequency.choices, default=Frequency.INSTANT)
    created_at = models.DateTimeField(default=timezone.now)
    # The officer's last look at the search's results: matches after it are "new".
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "保存的检索"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    def params(self) -> SearchParams:
        """Raises search.params.InvalidParameter when the stored query is not valid (any more)."""
        return params_of(self.query)


@lru_cache(maxsize=32_768)
def params_of(query: str) -> SearchParams:
    """The parameters of a stored query. Cached: the worker matches every new case against every
    saved search, and parsing ten thousand query strings would cost seconds each time.
    (SearchParams is frozen; callers do not change its filters.)"""
    return parse_params(QueryDict(query))


class AlertMatch(models.Model):
    """A published version of a case that a saved search found. Unique per search, case and
    revision: a case alerts once per version (a correction publishes a new one)."""

    class Delivery(models.TextChoices):
        INSTANT = Frequency.INSTANT.value, Frequency.INSTANT.label
        DAILY = Frequency.DAILY.value, Frequency.DAILY.label
        NONE = "none", "不提醒"  # counted on the list of saved searches, no notice, no e-mail

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    case = models.ForeignKey("cases.CasePage", on_delete=models.CASCADE, related_name="+")
    revision_id = models.BigIntegerField()  # the case's live revision when it matched
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "检索提醒"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "case", "revision_id"], name="alerts_one_match_per_version"),
        ]

    @staticmethod
    def delivery_for(frequency: str) -> str:
        return AlertMatch.Delivery.NONE if frequency == Frequency.OFF else frequency
