"""Full-page cache of anonymous page views, and the Cache-Control headers pages carry.

A hit is answered before CSRF, auth and Wagtail routing run: one cache round trip, no
query. Entries are keyed by scheme, host (that is, the site), path and query string, and
belong to a *generation* that any content write bumps (publish, unpublish, move,
delete, settings and snippet saves), so every page that may show the change is dropped
at once (menus, listings and related links cross pages).

Django's cache middleware cannot be dropped on publish and caches any view with
max-age; wagtail-cache has no Wagtail 8 support (docs/wagtail-notes.md).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "lumen-page-cache:generation"
KEY_PREFIX = "lumen-page-cache:page:"
SERVED_PAGE_ATTR = "_lumen_served_page"
STATUS_HEADER = "X-Page-Cache"
# Paths that are never site pages: the 404 middleware skips them too.
NON_PAGE_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/documents/")
# Cookies that may change what a page shows: a session (login, passed view
# restrictions) or pending messages. Any other cookie (csrftoken, analytics) does not.
PERSONAL_COOKIES = ("messages",)


def timeout() -> int:
    """Seconds a rendered page is kept server-side; 0 turns the cache off."""
    return settings.PAGE_CACHE_TIMEOUT


def bump_generation() -> None:
    """Make every cached page stale (called on any content change)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Missing (evicted or never set): a fresh value no old entry can carry.
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def mark_served(request: HttpRequest, page: Any) -> None:
    """Record that a Wagtail page answered this request (see wagtail_hooks)."""
    setattr(request, SERVED_PAGE_ATTR, page)


def without_session(request: HttpRequest) -> bool:
    """No session or message cookie: the visitor cannot be logged in, cannot have
    passed a page's password or login restriction and has no pending message."""
    cookies = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    return not any(name in request.COOKIES for name in cookies)


def may_use_cache(request: HttpRequest) -> bool:
    """Only session-less GETs of public paths read or fill the shared cache."""
    if request.method != "GET" or getattr(request, "is_dummy", False):
        return False
    return not request.path.startswith(NON_PAGE_PREFIXES) and without_session(request)


def page_key(request: HttpRequest) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return KEY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def lookup(request: HttpRequest) -> tuple[int, HttpResponse | None]:
    """The current generation and the cached response if it belongs to it."""
    key = page_key(request)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        return cache.get(GENERATION_KEY), None
    entry = found.get(key)
    if entry is None or entry["generation"] != generation:
        return generation, None
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[STATUS_HEADER] = "hit"
    return generation, response


def store(request: HttpRequest, response: HttpResponse, *, generation: int) -> None:
    entry = {
        "generation": generation,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k != STATUS_HEADER],
        "content": response.content,
    }
    cache.set(page_key(request), entry, timeout=timeout())


def _is_public(request: HttpRequest, response: HttpResponse) -> bool:
    """A response anyone may be given: no session, preview, cookie or CSRF token is
    involved. A view-restricted page never gets here without a session: Wagtail
    answers with its login or password page (never-cache) instead."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return without_session(request)


def apply_headers(request: HttpRequest, response: HttpResponse) -> bool:
    """Set Cache-Control on a served page unless the page set its own; True when the
    response is public (and so may be stored)."""
    if response.has_header("Cache-Control"):
        return False
    if _is_public(request, response):
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_MAX_AGE,
            s_maxage=settings.PAGE_CACHE_S_MAXAGE,
        )
        # Logged-in editors see the user bar: shared caches must key on the cookie.
        patch_vary_headers(response, ("Cookie",))
        return True
    if response.status_code == 200:
        patch_cache_control(response, private=True, no_store=True)
    return False


class PageCacheMiddleware:
    """Serve anonymous page views from the cache; set page Cache-Control headers.

    Sits after CommonMiddleware (host checks, slash redirects) and before CSRF and
    authentication, which a hit never needs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        use_cache = timeout() > 0 and may_use_cache(request)
        generation = None
        if use_cache:
            generation, cached = lookup(request)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if getattr(request, SERVED_PAGE_ATTR, None) is None:
            return response
        public = apply_headers(request, response)
        if use_cache and public and generation is not None:
            store(request, response, generation=generation)
            response[STATUS_HEADER] = "miss"
        return response
