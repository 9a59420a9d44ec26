"""What the HTML site would answer for a path, as data: a page (with its
breadcrumbs, chrome and SEO), a redirect, a view restriction, or not found.

The same routing (the route index, handing over to a page's own `route()` where it
routes sub-paths, or Wagtail's `route` from the site's root), Wagtail redirects (for
paths without a trailing slash first, then the slash is appended, as
CommonMiddleware does), view restrictions checked against the caller's session,
only live pages. Used by the resolve endpoint and the route listings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import is_valid_path, reverse

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.wagtail_hooks import require_wagtail_login

from catalog.models import EstimatorPage, PricingCatalogPage
from legal.models import LegalDocumentPage
from lumen_cms import page_cache
from lumen_cms.models import NotFoundSettings
from lumen_cms.navigation import cached_navigation
from lumen_cms.suggestions import suggest_pages


class UnknownSite(ValueError):
    pass


@dataclass
class Resolution:
    status: int
    payload: dict[str, Any]
    tags: set[str] = field(default_factory=set)
    # Decided by the caller's session (a view restriction applies): such an answer
    # is only ever shared with other callers that have no session either.
    restricted: bool = False
    # Kept server-side (not-found answers are not: random paths would fill it).
    storable: bool = True


def find_site(request: HttpRequest, site_param: str) -> Site | None:
    """The `site` parameter (hostname or hostname:port), else the request's Host."""
    if not site_param:
        match = page_cache.match_for(request)  # the route index knows the sites
        if match is None:
            return Site.find_for_request(request)
        request._wagtail_site = match.site
        return match.site
    hostname, _, port = site_param.partition(":")
    query = Site.objects.select_related("root_page").filter(hostname=hostname)
    if port:
        if not port.isdigit() or int(port) > 65535:
            raise UnknownSite("The port must be a number.")
        query = query.filter(port=int(port))
    sites = list(query[:2])
    if len(sites) != 1:
        raise UnknownSite(
            "No such site."
            if not sites
            else "Several sites have this host name: add the port (host:port)."
        )
    request._wagtail_site = sites[0]
    return sites[0]


def resolve_path(request: HttpRequest, *, path: str, site_param: str) -> Resolution:
    site = find_site(request, site_param)
    path_only, _, query = path.partition("?")
    if site is None or path_only.startswith(page_cache.NON_PAGE_PREFIXES):
        return not_found(request, site, path_only)
    if not path_only.endswith("/"):
        found = redirect_for(site, path)
        if found is not None:
            return found
        if settings.APPEND_SLASH and is_valid_path(path_only + "/"):
            location = path_only + "/" + (f"?{query}" if query else "")
            return redirect_answer(site, location, permanent=True)
        return not_found(request, site, path_only)
    # The HTML site routes the decoded path (Django decodes %-escapes first).
    indexed = page_cache.route_path(request, site, unquote(path_only))
    if indexed is None:
        components = [part for part in unquote(path_only).split("/") if part]
        try:
            result = site.root_page.localized.specific.route(request, components)
        except Http404:
            result = None
        may_be_restricted = True
    else:
        result, may_be_restricted = indexed
    if result is None:
        return redirect_for(site, path) or not_found(request, site, path_only)
    page, args, kwargs = result
    restrictions = list(page.get_view_restrictions()) if may_be_restricted else []
    for restriction in restrictions:
        if not restriction.accept_request(request):
            return restricted(request, site, page, restriction, path)
    resolution = page_answer(request, site, page, path_only, args)
    resolution.restricted = bool(restrictions)
    return resolution


def redirect_for(site: Site, path: str) -> Resolution | None:
    """A Wagtail redirect for the path (with, then without, its query string)."""
    normalised = Redirect.normalise_path(path)
    candidates = [normalised]
    if "?" in normalised:
        candidates.append(normalised.partition("?")[0])
    for old_path in candidates:
        redirects = list(Redirect.get_for_site(site).filter(old_path=old_path)[:2])
        if not redirects:
            continue
        # A site-specific redirect wins over an all-sites one.
        redirect = min(redirects, key=lambda r: r.site_id is None)
        location = redirect_location(redirect, site)
        if location is None:
            return None
        return redirect_answer(site, location, permanent=redirect.is_permanent)
    return None


def redirect_location(redirect: Redirect, site: Site) -> str | None:
    """Where the HTML site sends the visitor; site-relative within `site`."""
    link = redirect.link
    if link and link.startswith(site.root_url + "/"):
        return link[len(site.root_url) :]
    return link


def redirect_answer(site: Site, location: str, *, permanent: bool) -> Resolution:
    return Resolution(
        status=200,
        payload={"type": "redirect", "location": location, "permanent": permanent},
        tags={f"redirects:{site.pk}", f"site:{site.pk}"},
    )


def restricted(
    request: HttpRequest,
    site: Site,
    page: Page,
    restriction: PageViewRestriction,
    path: str,
) -> Resolution:
    """What the HTML site answers instead of the page: its login redirect or its
    password form; nothing of the page itself."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        kind = "password"
        location = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        )
    else:
        kind = "login"
        location = require_wagtail_login(next=path)["Location"]
    return Resolution(
        status=401,
        payload={
            "type": "restricted",
            "restriction": kind,
            "location": location,
            "chrome": cached_navigation(site),
        },
        tags={f"page:{page.pk}", f"chrome:{site.pk}", f"site:{site.pk}"},
        restricted=True,
    )


def not_found(request: HttpRequest, site: Site | None, path: str) -> Resolution:
    if site is None:
        return Resolution(
            status=404,
            payload={"type": "not_found", "suggestions": [], "texts": {}, "chrome": {}},
            storable=False,
        )
    texts = NotFoundSettings.for_site(site)
    contact = texts.contact_page
    return Resolution(
        status=404,
        payload={
            "type": "not_found",
            "suggestions": suggest_pages(site=site, path=path),
            "texts": {
                "heading": texts.heading,
                "message": texts.message,
                "home_link_text": texts.home_link_text,
                "separator_text": texts.separator_text,
                "contact_link_text": texts.contact_link_text,
                "contact_url": contact.get_url(current_site=site) if contact else "",
                "suggestions_heading": texts.suggestions_heading,
            },
            "chrome": cached_navigation(site),
        },
        tags={f"{name}:{site.pk}" for name in ("not_found", "sitemap", "site")}
        | {f"redirects:{site.pk}", f"chrome:{site.pk}"},
        storable=False,
    )


def page_answer(
    request: HttpRequest, site: Site, page: Page, path: str, route_args: Any
) -> Resolution:
    from lumen_cms.api import serialize_page

    crumbs = breadcrumbs(site, page)
    tags = {f"page:{crumb['id']}" for crumb in crumbs} | {
        f"page:{page.pk}",
        f"chrome:{site.pk}",
        f"site:{site.pk}",
    }
    if isinstance(page, LegalDocumentPage):
        tags.add(f"legal:{page.pk}")
    if isinstance(page, PricingCatalogPage | EstimatorPage):
        tags.add("prices")
    return Resolution(
        status=200,
        payload={
            "type": "page",
            "page": serialize_page(request, page, site=site),
            "route": sub_route(page, path, site, route_args),
            "breadcrumbs": [
                {"title": crumb["title"], "url": crumb["url"]} for crumb in crumbs
            ],
            "chrome": cached_navigation(site),
            "seo": seo(site, page, path),
        },
        tags=tags,
    )


def sub_route(page: Page, path: str, site: Site, route_args: Any) -> dict | None:
    """A routable page's sub-route (e.g. a legal document's /v/<label>/)."""
    if not route_args:
        return None
    view, args, kwargs = route_args
    page_path = page.get_url(current_site=site) or ""
    return {
        "name": getattr(view, "__name__", ""),
        "path": "/" + path[len(page_path) :] if path.startswith(page_path) else path,
        "args": [str(arg) for arg in args],
        "kwargs": {str(name): str(value) for name, value in kwargs.items()},
    }


def breadcrumbs(site: Site, page: Page) -> list[dict[str, Any]]:
    """Ancestors from the site's home page down to the page, as the templates show
    them; empty for the home page itself. Routing left each page its parent
    (`_cached_parent_obj`), so the chain usually needs no query."""
    root = site.root_page
    if page.pk == root.pk:
        return []
    ancestors: list[Any] = []
    node = page
    while node.depth > root.depth:
        node = getattr(node, "_cached_parent_obj", None)
        if node is None:
            break
        ancestors.insert(0, node)
    if node is None or node.pk != root.pk:
        ancestors = list(page.get_ancestors().filter(depth__gte=root.depth))
    return [
        {
            "id": item.pk,
            "title": item.title,
            "url": "/" + item.url_path[len(root.url_path) :],
        }
        for item in [*ancestors, page]
    ]


def seo(site: Site, page: Page, path: str) -> dict[str, Any]:
    title = page.seo_title or page.title
    full_title = f"{title} | {site.site_name}" if site.site_name else title
    canonical = site.root_url.rstrip("/") + path
    description = page.search_description or ""
    return {
        "title": full_title,
        "description": description,
        "canonical": canonical,
        "og": {
            "title": title,
            "description": description,
            "url": canonical,
            "type": "website",
            "site_name": site.site_name or "",
        },
    }
