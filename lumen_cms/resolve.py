"""GET /api/v2/resolve/?path=: what a URL is and everything a front end needs to
render it, in one call: a page (its api_fields, breadcrumbs, chrome, SEO, cache
hints), a redirect, a view restriction, or not found (404, with suggestions), as
the HTML site would answer (lumen_cms.routing).

Answers are cached like whole pages: keyed by host, `site` and path, and valid for
the page cache's global and route index generations (any content write or publish
starts a new one), so a warm resolve is one cache round trip. Each entry carries
`tags` (page:<id>, chrome:<site>, …, as the webhooks send them).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import (
    add_never_cache_headers,
    parse_etags,
    patch_cache_control,
    patch_vary_headers,
)
from django.views.decorators.http import require_safe

from lumen_cms import page_cache
from lumen_cms.routing import Resolution, UnknownSite, resolve_path

KEY_PREFIX = "lumen-resolve:"
STATUS_HEADER = "X-Resolve-Cache"
MAX_PATH_LENGTH = 2048
PARAMETERS = frozenset({"path", "site"})


@require_safe
def resolve_api(request: HttpRequest) -> HttpResponse:
    errors = parameter_errors(request)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    path = request.GET["path"]
    site_param = request.GET.get("site", "")
    personal = not page_cache.without_session(request)
    use_cache = page_cache.timeout() > 0
    key = cache_key(request, path, site_param)
    generation = None
    if use_cache:
        # Valid for the global and the route index generations (a publish starts a
        # new route generation); entries carry their tags for finer invalidation.
        generation, found = page_cache.generations(key)
        entry = found.get(key)
        if (
            entry is not None
            and entry["generation"] == generation
            and not (personal and entry["restricted"])
        ):
            return respond(request, entry, personal=personal, status="hit")
    try:
        resolution = resolve_path(request, path=path, site_param=site_param)
    except UnknownSite as exc:
        return JsonResponse({"errors": {"site": [str(exc)]}}, status=400)
    entry = make_entry(resolution, generation=generation)
    status = "off"
    if use_cache and resolution.storable and not (personal and resolution.restricted):
        cache.set(key, entry, timeout=page_cache.timeout())
        status = "miss"
    return respond(request, entry, personal=personal, status=status)


def parameter_errors(request: HttpRequest) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in sorted(set(request.GET) - PARAMETERS):
        errors[name] = ["Unknown parameter (known: path, site)."]
    path = request.GET.get("path")
    if not path:
        errors["path"] = ["Required: the URL path to resolve, e.g. /pricing/."]
    elif not path.startswith("/") or path.startswith("//"):
        errors["path"] = ["Must be a path starting with a single /."]
    elif len(path) > MAX_PATH_LENGTH:
        errors["path"] = [f"At most {MAX_PATH_LENGTH} characters."]
    elif "\0" in path or any(ord(c) < 32 for c in path):
        errors["path"] = ["Must not contain control characters."]
    site = request.GET.get("site")
    if site is not None and not (0 < len(site) <= 255):
        errors["site"] = ["A host name, optionally with :port."]
    return errors


def cache_key(request: HttpRequest, path: str, site_param: str) -> str:
    raw = f"{request.get_host()}\n{site_param}\n{path}"
    return KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def make_entry(
    resolution: Resolution, *, generation: tuple[int, int] | None
) -> dict[str, Any]:
    """The cached form: JSON bytes with the ETag of the content and cache hints."""
    encoded = _dumps(resolution.payload)
    etag = '"' + hashlib.sha256(encoded).hexdigest()[:32] + '"'
    max_age = 0 if resolution.restricted else settings.PAGE_CACHE_MAX_AGE
    tags = sorted(resolution.tags)
    payload = {
        **resolution.payload,
        "cache": {"etag": etag, "max_age": max_age, "tags": tags},
    }
    return {
        "generation": generation,
        "status": resolution.status,
        "etag": etag,
        "restricted": resolution.restricted,
        "content": _dumps(payload),
    }


def respond(
    request: HttpRequest, entry: dict[str, Any], *, personal: bool, status: str
) -> HttpResponse:
    etag = entry["etag"]
    if entry["status"] == 200 and _etag_matches(request, etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(
            entry["content"], status=entry["status"], content_type="application/json"
        )
    response["ETag"] = etag
    response[STATUS_HEADER] = status
    if entry["restricted"]:
        add_never_cache_headers(response)
    elif personal:
        patch_cache_control(response, private=True, no_store=True)
    else:
        page_cache.mark_public(response)
    patch_vary_headers(response, ("Cookie",))
    return response


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    offered = parse_etags(header)
    if "*" in offered:
        return True
    return etag in {tag.removeprefix("W/") for tag in offered}


def _dumps(value: Any) -> bytes:
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    ).encode()
