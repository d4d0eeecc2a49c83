"""The search API (CONTRACTS §5): GET /api/v1/search/, suggestions and the OpenAPI document.

Errors are JSON: 400 `{"error": "invalid_parameter", "parameter": …, "message": …}`,
503 `{"error": "search_unavailable", "message": "检索服务暂时不可用"}`; never 500.
"""
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .openapi import openapi_document
from .params import InvalidParameter, parse_params
from .service import SearchUnavailable, search_cases, suggest
from .views import UNAVAILABLE

JSON_OPTIONS = {"ensure_ascii": False}


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params=JSON_OPTIONS)


def _unavailable() -> JsonResponse:
    return _json({"error": "search_unavailable", "message": UNAVAILABLE}, status=503)


@require_GET
def search(request):
    try:
        params = parse_params(request.GET)
    except InvalidParameter as error:
        return _json({"error": "invalid_parameter", "parameter": error.name, "message": error.message}, status=400)
    try:
        result = search_cases(params)
    except SearchUnavailable:
        return _unavailable()
    return _json(result.as_contract())


@require_GET
def suggestions(request):
    """`{"suggestions": ["…", …]}`: names starting with `q` (case titles, laws, violation types)."""
    try:
        return _json({"suggestions": suggest(request.GET.get("q", ""))})
    except SearchUnavailable:
        return _unavailable()


@require_GET
def schema(request):
    return _json(openapi_document(request.build_absolute_uri("/")))
