"""GET /api/v2/sitemap/ and /api/v2/redirects/: every public path and every redirect
of a site, paginated, for front ends that pre-render pages or configure redirects
at build time. Same rules as `/sitemap.xml` and the redirect middleware: live,
public pages only; site-specific redirects plus those for all sites."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import parse_etags, patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from lumen_cms.routing import UnknownSite, find_site, redirect_location

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1
PARAMETERS = frozenset({"site", "limit", "offset"})


@require_safe
def sitemap_api(request: HttpRequest) -> HttpResponse:
    return _listing(request, _sitemap_items)


@require_safe
def redirects_api(request: HttpRequest) -> HttpResponse:
    return _listing(request, _redirect_items)


def _listing(request: HttpRequest, items_for) -> HttpResponse:
    errors, limit, offset = _paging(request)
    site = None
    site_param = request.GET.get("site")
    if site_param is not None and not 0 < len(site_param) <= 255:
        errors["site"] = ["A host name, optionally with :port."]
    if not errors:
        try:
            site = find_site(request, site_param or "")
        except UnknownSite as exc:
            errors["site"] = [str(exc)]
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    if site is None:
        total, items = 0, []
    else:
        total, items = items_for(site, limit=limit, offset=offset)
    payload = {
        "meta": {
            "total_count": total,
            "limit": limit,
            "offset": offset,
            "site": _site_meta(site),
        },
        "items": items,
    }
    return _json_with_etag(request, payload)


def _paging(request: HttpRequest) -> tuple[dict[str, list[str]], int, int]:
    errors: dict[str, list[str]] = {
        name: ["Unknown parameter (known: site, limit, offset)."]
        for name in sorted(set(request.GET) - PARAMETERS)
    }
    values = {}
    for name, default, top in (
        ("limit", DEFAULT_LIMIT, MAX_LIMIT),
        ("offset", 0, MAX_OFFSET),
    ):
        raw = request.GET.get(name, str(default))
        low = 1 if name == "limit" else 0
        if not raw.isdigit() or not low <= int(raw) <= top:
            errors[name] = [f"A whole number from {low} to {top}."]
            values[name] = default
        else:
            values[name] = int(raw)
    return errors, values["limit"], values["offset"]


def _site_meta(site: Site | None) -> dict[str, Any] | None:
    if site is None:
        return None
    return {"id": site.pk, "hostname": site.hostname, "root_url": site.root_url}


def _sitemap_items(site: Site, *, limit: int, offset: int):
    root = site.root_page
    pages: QuerySet = (
        Page.objects.live()
        .public()
        .filter(path__startswith=root.path, depth__gte=root.depth)
        .order_by("path")
    )
    rows = pages.values(
        "pk",
        "title",
        "url_path",
        "last_published_at",
        "latest_revision_created_at",
        "content_type_id",
    )[offset : offset + limit]
    items = [
        {
            "id": row["pk"],
            "path": "/" + row["url_path"][len(root.url_path) :],
            "title": row["title"],
            "type": _type_name(row["content_type_id"]),
            # As Wagtail's sitemap: pages made without a revision have no publish date.
            "lastmod": row["last_published_at"] or row["latest_revision_created_at"],
        }
        for row in rows
    ]
    return pages.count(), items


def _type_name(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model_class().__name__}"


def _redirect_items(site: Site, *, limit: int, offset: int):
    redirects = (
        Redirect.get_for_site(site)
        .exclude(Q(redirect_page__isnull=True) & Q(redirect_link=""))
        .select_related("redirect_page")
        .order_by("old_path", "site_id", "pk")
    )
    items = [
        {
            "old_path": redirect.old_path,
            "location": redirect_location(redirect, site),
            "permanent": redirect.is_permanent,
            "site": redirect.site_id,
            "automatically_created": redirect.automatically_created,
        }
        for redirect in redirects[offset : offset + limit]
    ]
    return redirects.count(), items


def _json_with_etag(request: HttpRequest, payload: dict[str, Any]) -> HttpResponse:
    content = json.dumps(payload, ensure_ascii=False, cls=DjangoJSONEncoder).encode()
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    offered = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in {tag.removeprefix("W/") for tag in offered} or "*" in offered:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
    return response
