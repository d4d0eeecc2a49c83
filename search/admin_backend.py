"""Wagtail's database search backend, with the query segmented like the indexed text.

`CasePage.segmented_text` feeds the database index with space-joined jieba tokens;
this backend segments string queries the same way (`nlp.segment`), so 挥发性有机物
finds the cases that contain it. The admin calls `autocomplete`, which on the database
backend only looks at titles as whole words: for queries with Chinese characters it
runs the full-text search instead. Set as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].
"""
import re
from functools import cache

from django.db.models import Avg, F
from django.db.models.functions import Length

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, Phrase, PlainText
from nlp import segment

_CJK = re.compile(r"[\u3400-\u9fff]")


def _segmented(text: str) -> str:
    return " ".join(segment(text)) or text


def segment_query(query):
    """The query with its text segmented: strings, PlainText, Phrase and And of them
    (what Wagtail's admin passes); other query objects unchanged."""
    if isinstance(query, str):
        return _segmented(query) if query.strip() else query
    if isinstance(query, PlainText):
        return PlainText(_segmented(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(_segmented(query.query_string))
    if isinstance(query, And):
        return And([segment_query(q) for q in query.subqueries])
    return query


def _has_chinese(query) -> bool:
    return bool(_CJK.search(str(getattr(query, "query_string", query)))) or (
        isinstance(query, And) and any(_has_chinese(q) for q in query.subqueries)
    )


class SegmentingMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(segment_query(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if _has_chinese(query):
            kwargs.pop("fields", None)
            return super().search(segment_query(query), model_or_queryset, *args, **kwargs)
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)


def _quiet_postgres_index(index_class: type) -> type:
    """PostgreSQL's index marks each entry it writes with title_norm 1.0, then sets every entry
    still at 1.0 to average/length. Chinese titles are one lexeme each, so the average is 1.0 and
    every entry stays at 1.0: each write rewrote the whole table, and a long transaction (an
    import, a test) slowed down quadratically with dead rows. Entries whose length is the average
    already hold the right value: this index leaves them alone."""

    class QuietPostgresIndex(index_class):
        def _refresh_title_norms(self, full=False):
            if full:
                return super()._refresh_title_norms(full=True)
            titled = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
            average = titled.aggregate(Avg("title_length"))["title_length__avg"]
            if average is not None:
                titled.filter(title_norm=1.0).exclude(title_length=average).update(title_norm=average / F("title_length"))

    return QuietPostgresIndex


@cache
def _segmenting_class(backend_class: type) -> type:
    attributes = {}
    if getattr(backend_class, "index_class", None) is not None and backend_class.index_class.__name__ == "PostgresIndex":
        attributes["index_class"] = _quiet_postgres_index(backend_class.index_class)
    return type(f"Segmenting{backend_class.__name__}", (SegmentingMixin, backend_class), attributes)


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    """The database backend for the current database vendor, segmenting its queries."""
    backend = database_backend(params)
    return _segmenting_class(type(backend))(params)
