"""Wagtail's database search backend, with the query segmented like the indexed text.

`CasePage.segmented_text` feeds the database index with space-joined jieba tokens;
this backend segments string queries the same way (`nlp.segment`), so 挥发性有机物
finds the cases that contain it. The admin calls `autocomplete`, which on the database
backend only looks at titles as whole words: for queries with Chinese characters it
runs the full-text search instead. Set as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].
"""
import re
from functools import cache

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


@cache
def _segmenting_class(backend_class: type) -> type:
    return type(f"Segmenting{backend_class.__name__}", (SegmentingMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    """The database backend for the current database vendor, segmenting its queries."""
    backend = database_backend(params)
    return _segmenting_class(type(backend))(params)
