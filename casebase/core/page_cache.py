"""Public pages for anonymous visitors, kept in the `pages` cache that every web worker shares
(the database, or Redis when REDIS_URL is set; docs/caching.md).

Kept: a GET of a page the site shows to everyone (Wagtail's pages, the law pages), from a
visitor without cookies (other than the CSRF cookie) or credentials, with no query parameters
other than the public listings' own, answered 200 without setting a cookie (so never a page
that carries a CSRF token) and not marked private or no-store.

Invalidation: the cache holds a site-wide *generation*, a token replaced whenever public content
may have changed (`invalidate_public_pages`: publish, unpublish, correct, withdraw, commend, move,
delete, view restrictions, laws and taxonomies). Each entry records the generation it was
rendered under; an entry of an older generation is a miss. A request reads the generation before
it renders, so a page rendered from data older than a change is never kept under the generation
that follows the change.
"""
import hashlib
import logging
import secrets
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "public-pages:generation"
STATUS_HEADER = "X-Page-Cache"
# Query parameters of the public listings (paging, 优秀案例 only, a disclosure year): pages with
# any other parameter (a finder's free text, a preview token) are rendered every time.
PUBLIC_QUERY_PARAMETERS = frozenset({"page", "commended", "year"})
# Response headers that may vary without making the page anyone's own.
HARMLESS_VARY = frozenset({"cookie", "accept-language"})


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def pages_cache():
    return caches[CACHE_ALIAS]


def shows_everyone_the_same_page(request) -> bool:
    """Whether the request asks for a public page as an anonymous visitor would. Any cookie but
    the CSRF cookie (a session, pending messages) may make the page the visitor's own."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    if set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
        return False
    if not set(request.GET) <= PUBLIC_QUERY_PARAMETERS:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name == "wagtail_serve" or match.namespace == "laws"


def entry_key(request) -> str:
    """The cache key of the page: scheme, host, path and the sorted query parameters, hashed
    (the database cache keeps keys of at most 255 characters; Chinese slugs are long quoted)."""
    query = sorted(request.GET.lists())
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "public-pages:" + hashlib.sha256(address.encode()).hexdigest()


def is_cacheable(request, response) -> bool:
    """Whether the response is the same for every anonymous visitor and may be kept."""
    cache_control = {token.split("=")[0].strip().lower() for token in cc_delim_re.split(response.get("Cache-Control", ""))}
    vary = {token.strip().lower() for token in cc_delim_re.split(response.get("Vary", "")) if token.strip()}
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # a session, or a CSRF cookie for a form on the page
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not cache_control & {"private", "no-store", "no-cache"}
        and vary <= HARMLESS_VARY
        and not (user is not None and user.is_authenticated)
    )


def new_generation() -> None:
    pages_cache().set(GENERATION_KEY, secrets.token_hex(8), None)


def _new_generation_after_commit():
    """The on_commit callback of one transaction, `page_cache_pending` until it has run, so
    that a transaction replaces the generation once however many rows it changes. (A function:
    Django names a failed callback by its __qualname__.)"""
    def new_generation_after_commit():
        new_generation_after_commit.page_cache_pending = False
        new_generation()

    new_generation_after_commit.page_cache_pending = True
    return new_generation_after_commit


_deferring = threading.local()


@contextmanager
def one_invalidation_at_the_end():
    """For bulk loads (reference data) that commit row by row: the cached pages become stale
    once, when the load ends, instead of after every row."""
    _deferring.depth = getattr(_deferring, "depth", 0) + 1
    try:
        yield
    finally:
        _deferring.depth -= 1
        invalidate_public_pages()


def invalidate_public_pages(using: str = DEFAULT_DB_ALIAS) -> None:
    """Every cached public page becomes stale, once the current transaction commits (at once
    outside a transaction): until then other requests still read the old content, and a page
    they render from it must stay under the old generation."""
    if not enabled() or getattr(_deferring, "depth", 0):
        return
    connection = transaction.get_connection(using)
    # Django keeps the transaction's callbacks as (savepoint ids, callback, robust) and drops
    # them on rollback, so a pending callback of ours means this transaction is covered already.
    if any(getattr(entry[1], "page_cache_pending", False) for entry in connection.run_on_commit):
        return
    transaction.on_commit(_new_generation_after_commit(), using=using, robust=True)


def _current_generation_and_entry(key: str):
    cache = pages_cache()
    found = cache.get_many([GENERATION_KEY, key])  # one query (or round trip) for both
    generation = found.get(GENERATION_KEY)
    if generation is None:  # first request, or the token was evicted: start a new generation
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    return generation, found.get(key)


class PublicPageCacheMiddleware:
    """Serves public pages to anonymous visitors from the `pages` cache. Placed before the
    session, CSRF and authentication middleware, so a hit costs one cache read and nothing else;
    the cached headers are those the inner middleware set (CSP, X-Frame-Options)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and shows_everyone_the_same_page(request)):
            return self.get_response(request)
        key = entry_key(request)
        try:
            generation, entry = _current_generation_and_entry(key)
        except Exception:  # the cache is an optimisation: without it the page is rendered
            logger.exception("page cache unavailable; rendering %s", request.path)
            return self.get_response(request)
        if entry is not None and entry[0] == generation:
            return self._rebuilt(entry)
        response = self.get_response(request)
        if is_cacheable(request, response):
            self._keep(key, generation, response)
        return response

    @staticmethod
    def _rebuilt(entry) -> HttpResponse:
        _, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=headers)
        response[STATUS_HEADER] = "hit"
        return response

    @staticmethod
    def _keep(key: str, generation: str, response) -> None:
        entry = (generation, response.status_code, list(response.items()), response.content)
        try:
            pages_cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("could not keep %s in the page cache", key)
            return
        response[STATUS_HEADER] = "miss"
