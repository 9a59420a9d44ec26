"""The not-found page of a site as a *shell*: rendered once per site and generation
with the requested path and the suggestions left out, filled in per request (the path
escaped, suggestions from the route index). A random URL then costs about a page-cache
hit and adds no cache entry, however many pages the site has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape

from lumen_cms import page_cache

if TYPE_CHECKING:
    from lumen_cms.page_cache import RouteMatch

KEY = "lumen-page-cache:not-found:{}:{}:{}"
# Set on a request whose 404 view should render the shell (views.page_not_found).
REQUEST_ATTR = "_lumen_not_found_shell"
# Private-use characters: never escaped, never typed in a page title.
PATH_MARK = "\ue000lumen-requested-path\ue000"
SUGGESTIONS_MARK = "\ue000lumen-suggestions\ue000"
SUGGESTIONS_TEMPLATE = "lumen_cms/includes/not_found_suggestions.html"

# Per process: site id -> (key, shell).
_held: dict[int, tuple[str, dict[str, Any]]] = {}


def _key(match: RouteMatch) -> str:
    return KEY.format(match.site.pk, match.generation, match.index.generation)


def held(match: RouteMatch) -> dict[str, Any] | None:
    """The site's shell for the current generations: this process's, else shared."""
    key = _key(match)
    memo = _held.get(match.site.pk)
    if memo is not None and memo[0] == key:
        return memo[1]
    shell = cache.get(key)
    if shell is not None:
        _held[match.site.pk] = (key, shell)
    return shell


def keep(match: RouteMatch, response: HttpResponse) -> dict[str, Any]:
    heading = getattr(response, "lumen_suggestions_heading", "")
    shell = page_cache.response_entry(response, heading=heading)
    key = _key(match)
    cache.set(key, shell, timeout=page_cache.timeout())
    _held[match.site.pk] = (key, shell)
    return shell


def fill(request: HttpRequest, match: RouteMatch, shell: dict) -> HttpResponse:
    """The not-found page for this path: the shell with the path and suggestions."""
    index = match.index.suggestions.get(match.site.pk)
    suggestions = index.suggest(request.path) if index is not None else []
    section = (
        render_to_string(
            SUGGESTIONS_TEMPLATE,
            {"suggestions": suggestions, "heading": shell["heading"]},
        )
        if suggestions
        else ""
    )
    content = (
        shell["content"]
        .replace(PATH_MARK.encode(), escape(request.path[:200]).encode())
        .replace(SUGGESTIONS_MARK.encode(), section.encode())
    )
    return page_cache.cached_response({**shell, "content": content}, "not-found")
