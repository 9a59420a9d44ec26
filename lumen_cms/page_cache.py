"""Full-page cache of anonymous page views, and the Cache-Control headers pages carry.

A hit is answered before CSRF, auth and Wagtail routing run: one cache round trip, no
query. Entries are keyed by scheme, host (that is, the site), path and query string,
and are valid for the page's *stamp* from the route index (it changes only when
something the page shows changes: the page, its ancestors and descendants, pages it
links to, page types it lists, the menus) and the global generation, which any other
content write bumps (settings, snippets, prices, images: they may show anywhere).

A random URL is known to be missing from the same index: session-less visitors get
the not-found page from a per-site shell (the rendered page with the path and the
suggestions left out), so a 404 costs about as much as a hit, however many pages exist.

Django's cache middleware cannot be dropped on publish and caches any view with
max-age; wagtail-cache has no Wagtail 8 support (docs/wagtail-notes.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

from wagtail import views as wagtail_views
from wagtail.models import PageViewRestriction
from wagtail.url_routing import RouteResult

from lumen_cms import counters, not_found_shell, route_index

GENERATION_KEY = "lumen-page-cache:generation"
KEY_PREFIX = "lumen-page-cache:page:"
FRAGMENT_PREFIX = "lumen-page-cache:content:"
OBJECT_PREFIX = "lumen-page-cache:object:"
SERVED_PAGE_ATTR = "_lumen_served_page"
MATCH_ATTR = "_lumen_route_match"
STATUS_HEADER = "X-Page-Cache"
QUERY_PARAMS_ATTR = "page_cache_query_params"
MAX_PARAM_LENGTH = 100
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
    counters.bump(GENERATION_KEY)


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
    return (
        not request.path.startswith(NON_PAGE_PREFIXES)
        and without_session(request)
        and serves_pages(request)
    )


def _url_digest(request: HttpRequest) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(url.encode()).hexdigest()


def page_key(request: HttpRequest) -> str:
    return KEY_PREFIX + _url_digest(request)


def generations(*keys: str) -> tuple[tuple[int, int] | None, dict[str, Any]]:
    """(global generation, route generation) and `keys`, in one cache round trip;
    None while the cache is out."""
    found = cache.get_many([GENERATION_KEY, route_index.ROUTES_KEY, *keys])
    pair = (
        counters.current(GENERATION_KEY, found),
        counters.current(route_index.ROUTES_KEY, found),
    )
    return (None if None in pair else pair), found


class RouteMatch:
    """What the route index says about this request's path (no query involved)."""

    def __init__(self, request: HttpRequest, *, generation: int, routes: int) -> None:
        self.generation = generation
        self.index = route_index.for_generation(routes)
        self.site = self.index.find_site(request)
        self.route, self.rest = (
            self.index.match(self.site, request.path_info)
            if self.site is not None
            else (None, [])
        )

    @property
    def stamp(self) -> tuple[int, str] | None:
        return (self.generation, self.route.stamp) if self.route else None


def _matched(
    request: HttpRequest, *keys: str
) -> tuple[RouteMatch | None, dict[str, Any]]:
    """Read the generations (and `keys`) and match the request's path: the match is
    kept on the request. None when the index steps aside (the cache is out, i18n)."""
    pair, found = generations(*keys)
    if pair is None or not route_index.enabled():
        return None, found
    match = RouteMatch(request, generation=pair[0], routes=pair[1])
    setattr(request, MATCH_ATTR, match)
    return match, found


def match_for(request: HttpRequest) -> RouteMatch | None:
    """The request's route match, read once (None when the index steps aside)."""
    if not route_index.enabled():
        return None
    match = getattr(request, MATCH_ATTR, None)
    if match is None:
        match, _ = _matched(request)
    return match


def lookup(request: HttpRequest) -> tuple[RouteMatch | None, HttpResponse | None]:
    """The request's route match and the cached response if it is still valid."""
    key = page_key(request)
    match, found = _matched(request, key)
    if match is None or not declared_query(request, match):
        return match, None
    entry = found.get(key)
    if entry is None or match.stamp is None or entry["stamp"] != match.stamp:
        return match, None
    return match, cached_response(entry, "hit")


def declared_query(request: HttpRequest, match: RouteMatch) -> bool:
    """Only query parameters the page declares (`page_cache_query_params`), with
    short values, make cache entries: `?cb=<random>` cannot fill the cache."""
    if not request.GET:
        return True
    model = route_index.model_for(match.route.content_type_id) if match.route else None
    declared = getattr(model, QUERY_PARAMS_ATTR, ())
    return all(
        name in declared and len(values) == 1 and len(values[0]) <= MAX_PARAM_LENGTH
        for name, values in request.GET.lists()
    )


def cached_response(entry: dict[str, Any], status: str) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[STATUS_HEADER] = status
    return response


def response_entry(response: HttpResponse, **extra: Any) -> dict[str, Any]:
    skip = {STATUS_HEADER.lower(), "content-length"}
    return {
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in skip],
        "content": response.content,
        **extra,
    }


def store(request: HttpRequest, response: HttpResponse, *, stamp: Any) -> None:
    cache.set(
        page_key(request), response_entry(response, stamp=stamp), timeout=timeout()
    )


def fragment_timeout() -> int:
    """Seconds a page's rendered content block is kept; 0 turns it off."""
    return settings.PAGE_FRAGMENT_TIMEOUT


def fragment_key(request: HttpRequest) -> tuple[str, tuple[int, str]] | None:
    """Key and stamp of the request's page content, when it may be shared.

    The content block (everything between the menus) of a page is the same for every
    visitor of a URL, logged in or not, until the page's stamp changes: it is kept
    even with the full-page cache off or bypassed (editors, sessions). Not for POSTs,
    previews, undeclared query parameters or content that holds a CSRF token.
    """
    match = getattr(request, MATCH_ATTR, None)
    if (
        match is None
        or match.stamp is None
        or request.method != "GET"
        or fragment_timeout() <= 0
        or getattr(request, "is_preview", False)
        or getattr(request, "is_dummy", False)
        or not declared_query(request, match)
    ):
        return None
    return FRAGMENT_PREFIX + _url_digest(request), match.stamp


def serves_pages(request: HttpRequest) -> bool:
    """The path would reach Wagtail's page view (or no view at all)."""
    try:
        return resolve(request.path_info).func is wagtail_views.serve
    except (Resolver404, Http404):
        return True


def no_view_restrictions() -> Any:
    return PageViewRestriction.objects.none()


def _routed(
    request: HttpRequest, route: route_index.Route, rest: list[str], generation: int
) -> tuple[RouteResult | None, bool] | None:
    """Wagtail's route result for an indexed page (None when not found) and whether
    a view restriction may apply; None when the page is gone since the index was
    built (Wagtail routes it then)."""
    page = _fetch(route, generation)
    if page is None:
        return None
    if not (rest or route.custom):
        return RouteResult(page), route.restricted
    try:
        result = page.route(request, rest)
    except Http404:
        return None, False
    return result, route.restricted or result[0] is not page


def route_path(request: HttpRequest, site: Any, path: str) -> tuple[Any, bool] | None:
    """Wagtail's route of `path` in `site` through the index: (RouteResult or None
    when not found, whether a view restriction may apply); None when the index
    cannot answer (the cache is out, i18n) and Wagtail must route."""
    match = match_for(request)
    if match is None:
        return None
    route, rest = match.index.match(site, path)
    if route is None:
        return None, False
    return _routed(request, route, rest, match.generation)


def route_request(request: HttpRequest) -> None:
    """Hand Wagtail's serve view the site and page the index found, fetched in one
    query; Wagtail's own hooks (view restrictions, serve chain) still run."""
    match = match_for(request)
    if match is None or match.site is None:
        return
    request._wagtail_site = match.site
    if match.route is None:
        request._wagtail_route_for_request = None
        return
    routed = _routed(request, match.route, match.rest, match.generation)
    if routed is None:
        return
    result, may_be_restricted = routed
    if result is not None and not may_be_restricted:
        # The index knows no restriction applies: spare Wagtail's two queries.
        result[0].get_view_restrictions = no_view_restrictions
    request._wagtail_route_for_request = result


def _fetch(route: route_index.Route, generation: int) -> Any:
    """The specific page: kept in the cache with its stamp (one round trip instead
    of a multi-table query), read from the database when the stamp moved on."""
    key = f"{OBJECT_PREFIX}{route.page_id}"
    stamp = (generation, route.stamp)
    entry = cache.get(key)
    if entry is not None and entry[0] == stamp:
        return entry[1]
    model = route_index.model_for(route.content_type_id)
    if model is None:
        return None
    page = model._default_manager.filter(pk=route.page_id).first()
    if page is not None:
        cache.set(key, (stamp, page), fragment_timeout())
    return page


def _is_public(
    request: HttpRequest, response: HttpResponse, *, status: int = 200
) -> bool:
    """A response anyone may be given: no session, preview, cookie or CSRF token is
    involved. A view-restricted page never gets here without a session: Wagtail
    answers with its login or password page (never-cache) instead."""
    if response.status_code != status or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return without_session(request)


def mark_public(response: HttpResponse) -> None:
    """Cacheable by browsers and shared caches, keyed on the cookie (logged-in
    editors see the user bar)."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_S_MAXAGE,
    )
    patch_vary_headers(response, ("Cookie",))


def apply_headers(request: HttpRequest, response: HttpResponse) -> bool:
    """Set Cache-Control on a served page unless the page set its own; True when the
    response is public (and so may be stored)."""
    if response.has_header("Cache-Control"):
        return False
    if _is_public(request, response):
        mark_public(response)
        return True
    if response.status_code == 200:
        patch_cache_control(response, private=True, no_store=True)
    return False


class PageCacheMiddleware:
    """Serve anonymous page views (and 404s) from the cache; route page views through
    the index; set page Cache-Control headers.

    Sits after CommonMiddleware (host checks, slash redirects) and before CSRF and
    authentication, which a hit never needs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        use_cache = timeout() > 0 and may_use_cache(request)
        match = None
        if use_cache:
            match, cached = lookup(request)
            if cached is not None:
                return cached
            if self.known_missing(request, match):
                shell = not_found_shell.held(match)
                if shell is not None:
                    return not_found_shell.fill(request, match, shell)
                setattr(request, not_found_shell.REQUEST_ATTR, True)
        response = self.get_response(request)
        if getattr(response, "lumen_not_found_shell", False):
            if _is_public(request, response, status=404):
                shell = not_found_shell.keep(match, response)
                return not_found_shell.fill(request, match, shell)
            return response
        if getattr(request, SERVED_PAGE_ATTR, None) is None:
            return response
        public = apply_headers(request, response)
        if (
            use_cache
            and public
            and match
            and match.stamp
            and declared_query(request, match)
        ):
            store(request, response, stamp=match.stamp)
            response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def known_missing(request: HttpRequest, match: RouteMatch | None) -> bool:
        """No page, no page routing sub-paths, no redirect: a plain not-found."""
        return (
            match is not None
            and match.site is not None
            and match.route is None
            and not match.index.has_redirect(match.site, request.get_full_path())
        )

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            route_request(request)
