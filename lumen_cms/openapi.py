"""One OpenAPI 3.1 document: the Wagtail API v2 core plus every app's openapi.json."""

import json
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

FRAGMENT_NAME = "openapi.json"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _params(*names: str) -> list[dict]:
    known = {
        "limit": {"type": "integer", "minimum": 1, "maximum": 100},
        "offset": {"type": "integer", "minimum": 0},
        "type": {"type": "string", "pattern": r"^[a-z_]+\.[A-Za-z]+$"},
        "child_of": {"type": "integer", "minimum": 1},
        "descendant_of": {"type": "integer", "minimum": 1},
        "search": {"type": "string", "maxLength": 100},
        "title": {"type": "string", "maxLength": 255},
        "slug": {"type": "string", "maxLength": 255},
        "fields": {"type": "string", "pattern": r"^[a-z_,*-]*$", "maxLength": 200},
        "html_path": {"type": "string", "pattern": "^/", "maxLength": 200},
        "token": {"type": "string", "maxLength": 255},
        "content_type": {"type": "string", "maxLength": 100},
    }
    return [
        {"name": n, "in": "query", "required": False, "schema": known[n]} for n in names
    ]


def _listing(tag: str, summary: str, item: str, params: list[dict]) -> dict:
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {
                    "description": "One page of results.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["meta", "items"],
                                "properties": {
                                    "meta": _ref("ApiV2ListingMeta"),
                                    "items": {"type": "array", "items": _ref(item)},
                                },
                            }
                        }
                    },
                },
                "400": {
                    "description": "Bad query parameter.",
                    **_json(_ref("ApiV2Error")),
                },
            },
        }
    }


def _detail(tag: str, summary: str, item: str) -> dict:
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "parameters": [
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                },
                *_params("fields"),
            ],
            "responses": {
                "200": {"description": "The object.", **_json(_ref(item))},
                "400": {
                    "description": "Bad query parameter.",
                    **_json(_ref("ApiV2Error")),
                },
                "404": {"description": "Not found or not public."},
            },
        }
    }


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


CORE_PATHS = {
    "/api/v2/pages/": _listing(
        "pages",
        "Live, public pages (type= selects a page type and its api_fields)",
        "ApiV2Page",
        _params(
            "limit", "offset", "type", "child_of", "descendant_of", "fields",
            "search", "title", "slug",
        ),
    ),
    "/api/v2/pages/{id}/": _detail("pages", "One live, public page", "ApiV2PageDetail"),
    "/api/v2/pages/find/": {
        "get": {
            "tags": ["pages"],
            "summary": "The page at a site path (redirects to its detail URL)",
            "parameters": _params("html_path"),
            "responses": {
                "302": {"description": "Found: Location is the page's detail URL."},
                "400": {
                    "description": "Bad query parameter.",
                    **_json(_ref("ApiV2Error")),
                },
                "404": {"description": "No live, public page at this path."},
            },
        }
    },
    "/api/v2/images/": _listing(
        "images", "Images outside private collections", "ApiV2Image",
        _params("limit", "offset", "search", "title"),
    ),
    "/api/v2/images/{id}/": _detail("images", "One image", "ApiV2Image"),
    "/api/v2/documents/": _listing(
        "documents", "Documents outside private collections", "ApiV2Document",
        _params("limit", "offset", "search"),
    ),
    "/api/v2/documents/{id}/": _detail("documents", "One document", "ApiV2Document"),
    "/api/v2/page_preview/": {
        "get": {
            "tags": ["pages"],
            "summary": "A draft being previewed (token from the admin preview)",
            "parameters": _params("content_type", "token"),
            "responses": {
                "200": {"description": "The draft.", **_json(_ref("ApiV2PageDetail"))},
                "404": {"description": "Unknown or expired token."},
            },
        }
    },
}  # fmt: skip

CORE_SCHEMAS = {
    "ApiV2Error": {"type": "object", "properties": {"message": {"type": "string"}}},
    "ApiV2ListingMeta": {
        "type": "object",
        "required": ["total_count"],
        "properties": {"total_count": {"type": "integer", "minimum": 0}},
    },
    "ApiV2ObjectMeta": {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {
            "type": {"type": "string"},
            "detail_url": {"type": "string"},
        },
    },
    "ApiV2Page": {
        "type": "object",
        "required": ["id", "meta", "title"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "meta": {
                "allOf": [_ref("ApiV2ObjectMeta")],
                "properties": {
                    "html_url": {"type": ["string", "null"]},
                    "slug": {"type": "string"},
                    "first_published_at": {"type": ["string", "null"]},
                },
            },
        },
    },
    "ApiV2PageDetail": {
        "allOf": [_ref("ApiV2Page")],
        "description": "Page fields plus the api_fields of its type (StreamField as "
        "a list of {type, value, id}; rich text as HTML).",
    },
    "ApiV2Image": {
        "type": "object",
        "required": ["id", "meta", "title"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "meta": _ref("ApiV2ObjectMeta"),
            "width": {"type": "integer"},
            "height": {"type": "integer"},
        },
    },
    "ApiV2Document": {
        "type": "object",
        "required": ["id", "meta", "title"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "meta": {
                "allOf": [_ref("ApiV2ObjectMeta")],
                "properties": {"download_url": {"type": "string"}},
            },
        },
    },
}


def app_fragments() -> list[tuple[str, dict]]:
    """(app label, fragment) for every installed app shipping an openapi.json."""
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path) / FRAGMENT_NAME
        if path.is_file():
            found.append((config.label, json.loads(path.read_text(encoding="utf-8"))))
    return found


def merge(fragments: list[tuple[str, dict]]) -> dict:
    """Merge fragments into the core document; a clash is an error, not a win."""
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Lumen CMS API",
            "version": "1.0.0",
            "description": "Headless content (Wagtail API v2) and the site's own "
            'JSON endpoints. Errors are JSON: 400 {"errors": {field: [messages]}}.',
        },
        "paths": dict(CORE_PATHS),
        "components": {"schemas": dict(CORE_SCHEMAS)},
    }
    for label, fragment in fragments:
        for path, item in (fragment.get("paths") or {}).items():
            if path in document["paths"]:
                raise ValueError(f"{label}: path {path} is already described")
            document["paths"][path] = item
        components = fragment.get("components") or {}
        for section, entries in components.items():
            target = document["components"].setdefault(section, {})
            for name, value in entries.items():
                if name in target and target[name] != value:
                    raise ValueError(f"{label}: component {section}/{name} clashes")
                target[name] = value
        for tag in fragment.get("tags") or []:
            document.setdefault("tags", []).append(tag)
        for name, item in (fragment.get("webhooks") or {}).items():
            webhooks = document.setdefault("webhooks", {})
            if name in webhooks:
                raise ValueError(f"{label}: webhook {name} is already described")
            webhooks[name] = item
    return document


@lru_cache(maxsize=1)
def build_document() -> dict:
    return merge(app_fragments())


@require_GET
def openapi_view(request: HttpRequest) -> JsonResponse:
    """Serve the merged document (built once per process)."""
    return JsonResponse(build_document(), json_dumps_params={"indent": 1})
