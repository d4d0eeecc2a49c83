"""A circuit breaker for Elasticsearch, per process: after the cluster failed (refused, timed out,
answered 5xx or 429), searches fail at once for `settings.SEARCH_BREAKER_SECONDS` (default
BREAKER_SECONDS) instead of each waiting for the timeout again, so that a hung cluster costs one
timeout per process and window, not one per page. The first call after the window tries again."""
import time

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError

BREAKER_SECONDS = 5.0
_open_until = 0.0


def is_open() -> bool:
    return time.monotonic() < _open_until


def record_failure(error: Exception) -> None:
    """Opens the breaker when `error` says the cluster, not the request, is at fault."""
    global _open_until
    if is_cluster_failure(error):
        _open_until = time.monotonic() + getattr(settings, "SEARCH_BREAKER_SECONDS", BREAKER_SECONDS)


def reset() -> None:
    global _open_until
    _open_until = 0.0


def is_cluster_failure(error: Exception) -> bool:
    if isinstance(error, TransportError):  # refused, reset, timed out
        return True
    return isinstance(error, ApiError) and (error.meta.status >= 500 or error.meta.status == 429)
