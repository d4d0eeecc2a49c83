"""The search API (CONTRACTS §5): GET /api/v1/search/, suggestions and the OpenAPI document.

Errors are JSON: 400 `{"error": "invalid_parameter", "parameter": …, "message": …}`,
503 `{"error": "search_unavailable", "message": "检索服务暂时不可用"}`; never 500.
"""
import json
import logging

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .openapi import openapi_document
from .params import InvalidParameter, parse_params, query_text
from .service import SUGGEST_PREFIX_LENGTH, SearchUnavailable, search_cases, suggest
from .views import UNAVAILABLE

logger = logging.getLogger(__name__)
# <, > and & only ever occur inside JSON strings; written as \u escapes they mean the same to a
# JSON parser, while no browser that sniffs or embeds the body can read markup out of it.
_MARKUP_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _json(data, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False).translate(_MARKUP_ESCAPES)
    return HttpResponse(body, status=status, content_type="application/json")


def _unavailable() -> HttpResponse:
    return _json({"error": "search_unavailable", "message": UNAVAILABLE}, status=503)


def _invalid(error: InvalidParameter, request) -> HttpResponse:
    logger.info(error.log_line(request.GET))
    return _json({"error": "invalid_parameter", "parameter": error.name, "message": error.message}, status=400)


@require_GET
def search(request):
    try:
        params = parse_params(request.GET)
    except InvalidParameter as error:
        return _invalid(error, request)
    try:
        result = search_cases(params)
    except SearchUnavailable:
        return _unavailable()
    return _json(result.as_contract())


@require_GET
def suggestions(request):
    """`{"suggestions": ["…", …]}`: names starting with `q` (case titles, laws, violation types)."""
    try:
        return _json({"suggestions": suggest(query_text(request.GET, "q", SUGGEST_PREFIX_LENGTH))})
    except InvalidParameter as error:
        return _invalid(error, request)
    except SearchUnavailable:
        return _unavailable()


@require_GET
def schema(request):
    return _json(openapi_document(request.build_absolute_uri("/")))
