"""Where every page of every site lives, kept per content generation: pages are found
without a query, a 404 is known without a scan, and each page carries a *stamp* that
changes only when something it shows changes (the page cache keys on it).

Wagtail finds a page with a query per URL segment plus the site and view-restriction
look-ups (8 queries for a third-level page). The index answers the same from memory:
it is built once per generation (about one query per table) and shared through the
cache, and each process keeps the current one. Page tree changes (publish, unpublish,
move, delete, view restriction, site or redirect changes) start a new generation.

Routing stays Wagtail's wherever a page routes sub-paths itself (RoutablePageMixin or
an own `route()`): the index hands over to that page's `route()`, as Wagtail would.
With WAGTAIL_I18N_ENABLED the index steps aside (Wagtail localises the root page).
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import HttpRequest
from django.http.request import split_domain_port

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site

from lumen_cms import counters
from lumen_cms.models import NavigationSettings
from lumen_cms.navigation import navigation_page_ids
from lumen_cms.suggestions import FORMAT as SUGGESTIONS_FORMAT
from lumen_cms.suggestions import MAX_INDEXED_PAGES, SuggestionIndex

ROUTES_KEY = "lumen-page-cache:routes"
# Bump FORMAT when Route or RouteIndex changes: another release's pickles (the
# suggestion index's layout included) are then never read.
FORMAT = 1
INDEX_KEY = f"lumen-route-index:{FORMAT}.{SUGGESTIONS_FORMAT}:{{}}"
INDEX_TIMEOUT = 24 * 3600
# Page types may list the page types whose changes they show (listings, related
# pages); a type that does not declare it depends on every page of its site.
DEPENDS_ATTR = "page_cache_depends_on"


@dataclass(frozen=True, slots=True)
class Route:
    page_id: int
    content_type_id: int
    live: bool
    # A view restriction (on the page or an ancestor) or an alias: Wagtail checks it.
    restricted: bool
    # The page routes sub-paths itself (RoutablePageMixin or an own route()).
    custom: bool
    stamp: str


@dataclass
class RouteIndex:
    generation: int
    sites: list[Site]
    routes: dict[tuple[int, str], Route]
    redirects: frozenset[tuple[int | None, str]]
    suggestions: dict[int, SuggestionIndex] = field(default_factory=dict)

    def find_site(self, request: HttpRequest) -> Site | None:
        """Site.find_for_request without the query (the same matching rules as
        wagtail.models.sites.get_site_for_hostname)."""
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        try:
            port = int(port)
        except (TypeError, ValueError):
            port = None

        def rank(site: Site) -> int:
            if site.hostname == hostname and site.port == port:
                return 0
            if site.hostname == hostname and site.is_default_site:
                return 1
            return 2 if site.is_default_site else 3

        found = sorted(
            (s for s in self.sites if s.hostname == hostname or s.is_default_site),
            key=rank,
        )
        if not found:
            return None
        if len(found) == 1 or rank(found[0]) in (0, 1):
            return found[0]
        return found[len(found) == 2]

    def match(self, site: Site, path: str) -> tuple[Route | None, list[str]]:
        """The route for a site-relative path and the segments left for the page's
        own route(): the topmost page on the path that routes itself takes over."""
        components = [part for part in path.split("/") if part]
        for depth in range(len(components) + 1):
            route = self.routes.get((site.pk, _relative(components[:depth])))
            if route is not None and route.custom:
                return route, components[depth:]
        route = self.routes.get((site.pk, _relative(components)))
        if route is None or not route.live:
            return None, components
        return route, []

    def has_redirect(self, site: Site, full_path: str) -> bool:
        """A Wagtail redirect may answer this path (its own or an all-sites one)."""
        normalised = Redirect.normalise_path(full_path)
        candidates = {normalised, normalised.partition("?")[0]}
        return any(
            (site_id, old) in self.redirects
            for old in candidates
            for site_id in (site.pk, None)
        )


def _relative(components: list[str]) -> str:
    return "/" + "".join(f"{part}/" for part in components)


def _digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


def current_generation() -> int | None:
    """The route generation; None while the cache is out (Wagtail routes then)."""
    return counters.current(ROUTES_KEY)


def bump() -> None:
    """Start a new generation: the page tree, a restriction or a redirect changed."""
    counters.bump(ROUTES_KEY)


_shared: dict[str, RouteIndex] = {}
_lock = threading.Lock()


def enabled() -> bool:
    return not getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def for_generation(generation: int) -> RouteIndex:
    """The index of `generation`: this process's copy, else the shared cache's, else
    built here (and shared)."""
    index = _shared.get("index")
    if index is not None and index.generation == generation:
        return index
    with _lock:
        index = _shared.get("index")
        if index is None or index.generation != generation:
            key = INDEX_KEY.format(generation)
            index = cache.get(key)
            if index is None or index.generation != generation:
                index = build(generation)
                cache.set(key, index, INDEX_TIMEOUT)
            _shared["index"] = index
    return index


def forget_local() -> None:
    """Drop this process's copy (tests switch databases under it)."""
    _shared.pop("index", None)


def build(generation: int) -> RouteIndex:
    """Read the page tree, restrictions, redirects, references and menus: a handful
    of queries whatever the number of pages."""
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    rows = list(
        Page.objects.order_by("path").values_list(
            "pk",
            "path",
            "depth",
            "url_path",
            "content_type_id",
            "live",
            "alias_of_id",
            "title",
            "slug",
            "live_revision_id",
            "last_published_at",
            "latest_revision_created_at",
        )
    )
    restricted_paths = set(
        PageViewRestriction.objects.values_list("page__path", flat=True)
    )
    pages = {row[0]: row for row in rows}
    by_path = {row[1]: row for row in rows}
    # Behind a view restriction: listings and links elsewhere leave such pages out,
    # so it is part of the version every page showing them sees.
    private = {
        row[0]: any(row[1].startswith(p) for p in restricted_paths) for row in rows
    }
    version = {row[0]: _digest(row[3:], private[row[0]]) for row in rows}
    references = _page_references()
    model_of = _models([row[4] for row in rows])

    # Ancestors' versions (breadcrumbs, URLs), top down; descendants', bottom up.
    above: dict[int, str] = {}
    for pk, path, depth, *_ in rows:
        parent = by_path.get(path[:-4]) if depth > 1 else None
        above[pk] = _digest(above[parent[0]], version[parent[0]]) if parent else ""
    below: dict[int, list[str]] = defaultdict(list)
    descendants: dict[int, str] = {}
    for pk, path, depth, *_ in reversed(rows):
        descendants[pk] = _digest(*sorted(below.get(pk, ())))
        parent = by_path.get(path[:-4]) if depth > 1 else None
        if parent:
            below[parent[0]].append(version[pk] + descendants[pk])
    of_type: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        model = model_of.get(row[4])
        if model is not None:
            of_type[model._meta.label_lower].append(version[row[0]])
    type_version = {label: _digest(*items) for label, items in of_type.items()}

    routes: dict[tuple[int, str], Route] = {}
    suggestions: dict[int, SuggestionIndex] = {}
    for site in sites:
        root = pages.get(site.root_page_id)
        if root is None:
            continue
        root_path, root_url = root[1], root[3]
        chrome = _digest(*(version.get(pk) for pk in sorted(_menu_pages(site))))
        site_version = _digest(
            *(version[r[0]] for r in rows if r[1].startswith(root_path))
        )
        public_rows = []
        for row in rows:
            pk, path, depth, url_path, ct, live, alias_of = row[:7]
            if not path.startswith(root_path):
                continue
            model = model_of.get(ct)
            restricted = private[pk] or alias_of is not None
            depends = getattr(model, DEPENDS_ATTR, None)
            if depends is None:
                shown = site_version
            else:
                shown = _digest(*(type_version.get(label.lower()) for label in depends))
            stamp = _digest(
                pk,
                version[pk],
                above[pk],
                descendants[pk],
                _digest(*(version.get(t) for t in sorted(references.get(pk, ())))),
                shown,
                chrome,
                restricted,
            )
            relative = "/" + url_path[len(root_url) :]
            routes[(site.pk, relative)] = Route(
                page_id=pk,
                content_type_id=ct,
                live=live,
                restricted=restricted,
                custom=model is None or model.route is not Page.route,
                stamp=stamp,
            )
            if live and not private[pk] and pk != root[0]:
                public_rows.append((depth, path, row[7], row[8], relative))
        # Shallowest pages first: the index keeps those when it is full.
        public_rows.sort()
        suggestions[site.pk] = SuggestionIndex.build(
            row[2:] for row in public_rows[:MAX_INDEXED_PAGES]
        )
    redirects = frozenset(Redirect.objects.values_list("site_id", "old_path"))
    return RouteIndex(generation, sites, routes, redirects, suggestions)


def model_for(content_type_id: int) -> type[Page] | None:
    """The page class of a content type (Django caches content types per process)."""
    try:
        return ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


def _models(content_type_ids: Iterable[int]) -> dict[int, type[Page] | None]:
    """Page classes by content type id, in one query."""
    content_types = ContentType.objects.in_bulk(set(content_type_ids))
    return {
        pk: content_type.model_class() for pk, content_type in content_types.items()
    }


def _page_references() -> dict[int, set[int]]:
    """Pages each page links to (Wagtail's reference index: rich text, choosers,
    foreign keys of the page and its inline objects)."""
    page_type = ContentType.objects.get_for_model(Page)
    found: dict[int, set[int]] = defaultdict(set)
    rows = ReferenceIndex.objects.filter(
        base_content_type=page_type, to_content_type=page_type
    ).values_list("object_id", "to_object_id")
    for source, target in rows:
        if source.isdigit() and target.isdigit():
            found[int(source)].add(int(target))
    return found


def _menu_pages(site: Site) -> set[int]:
    """Pages the site's menus show (their titles and summaries are in every page)."""
    settings_row = NavigationSettings.objects.filter(site=site).first()
    return navigation_page_ids(settings_row) if settings_row else set()
