"""lumen_cms/openapi.json describes what /api/v2/navigation/ really returns."""

import json
from pathlib import Path

import pytest

SPEC = json.loads(
    (Path(__file__).resolve().parents[2] / "lumen_cms" / "openapi.json").read_text()
)
TYPES = {"string": str, "boolean": bool, "array": list, "object": dict}


def check(value, schema: dict, where: str = "$") -> None:
    """Small structural check (required keys, types, no undocumented keys)."""
    if "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    assert isinstance(value, TYPES[schema["type"]]), where
    if schema["type"] == "object":
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            assert key in value, f"{where}.{key} missing"
        for key, item in value.items():
            assert key in properties, f"{where}.{key} undocumented"
            check(item, properties[key], f"{where}.{key}")
    elif schema["type"] == "array":
        for index, item in enumerate(value):
            check(item, schema["items"], f"{where}[{index}]")


def test_fragment_shape():
    assert set(SPEC) == {"paths", "components", "tags", "webhooks"}
    assert "/api/v2/navigation/" in SPEC["paths"]


@pytest.mark.django_db
def test_navigation_response_matches_the_schema(client, seeded_site):
    response = client.get("/api/v2/navigation/")
    operation = SPEC["paths"]["/api/v2/navigation/"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    check(response.json(), schema)


def merged_validator(schema: dict):
    from jsonschema import Draft202012Validator

    from lumen_cms.openapi import build_document

    document = build_document()
    return Draft202012Validator({**schema, "components": document["components"]})


def assert_matches(payload, schema: dict) -> None:
    errors = [
        f"{list(e.path)}: {e.message}"
        for e in merged_validator(schema).iter_errors(payload)
    ]
    assert errors == []


def response_schema(path: str, status: str) -> dict:
    from lumen_cms.openapi import build_document

    operation = build_document()["paths"][path]["get"]
    return operation["responses"][status]["content"]["application/json"]["schema"]


@pytest.mark.django_db
def test_every_resolve_answer_matches_the_document(client, seeded_site):
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import PageViewRestriction

    from tests.lumen_cms.factories import StandardPageFactory

    private = StandardPageFactory(parent=seeded_site, slug="private", title="P")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    Redirect.objects.create(old_path="/old", redirect_link="https://x.example")
    answers = {
        "/managed-services/mysql/": "200",
        "/old/": "200",
        "/private/": "401",
        "/missing/": "404",
    }
    for path, status in answers.items():
        response = client.get("/api/v2/resolve/", {"path": path})
        assert str(response.status_code) == status, path
        assert_matches(response.json(), response_schema("/api/v2/resolve/", status))
    response = client.get("/api/v2/resolve/", {"path": "x"})
    assert_matches(response.json(), response_schema("/api/v2/resolve/", "400"))


@pytest.mark.django_db
def test_route_listings_match_the_document(client, seeded_site):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/old", redirect_page=seeded_site)
    for path in ("/api/v2/sitemap/", "/api/v2/redirects/"):
        response = client.get(path)
        assert response.json()["items"]
        assert_matches(response.json(), response_schema(path, "200"))


@pytest.mark.django_db
def test_a_webhook_body_matches_the_document(
    receiver, endpoint, seeded_site, committed
):
    from lumen_cms.openapi import build_document

    mysql = seeded_site.get_descendants().get(slug="mysql").specific
    committed(lambda: mysql.save_revision().publish())
    webhook = build_document()["webhooks"]["contentChanged"]["post"]
    schema = webhook["requestBody"]["content"]["application/json"]["schema"]
    [body] = receiver.bodies()
    assert_matches(body, schema)
