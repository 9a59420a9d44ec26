"""The merged OpenAPI document, and real responses validated against it."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from lumen_cms import openapi
from resources.models import Incident, StatusDataCenter
from tests.resources.factories import ArticleIndexPageFactory, ArticlePageFactory

RESOURCES_FRAGMENT = Path(openapi.__file__).parent.parent / "resources" / "openapi.json"


def response_schema(document: dict, path: str, status: str = "200") -> dict:
    operation = document["paths"][path]["get"]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": document["components"]}


def assert_valid(document: dict, path: str, payload: dict) -> None:
    validator = Draft202012Validator(response_schema(document, path))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(payload)]
    assert errors == []


def test_document_merges_every_installed_fragment():
    document = openapi.build_document()
    assert document["openapi"] == "3.1.0"
    assert "/api/v2/pages/" in document["paths"]
    assert "/api/resources/status/" in document["paths"]
    assert "ResourcesIncident" in document["components"]["schemas"]
    for label, fragment in openapi.app_fragments():
        for path in fragment.get("paths", {}):
            assert path in document["paths"], (label, path)


def test_merge_refuses_clashing_paths_and_components():
    fragment = json.loads(RESOURCES_FRAGMENT.read_text())
    with pytest.raises(ValueError, match="already described"):
        openapi.merge([("a", fragment), ("b", fragment)])
    clash = {"components": {"schemas": {"ApiV2Error": {"type": "string"}}}}
    with pytest.raises(ValueError, match="clashes"):
        openapi.merge([("c", clash)])
    assert openapi.merge([])["paths"].keys() == openapi.CORE_PATHS.keys()


def test_every_ref_resolves():
    document = openapi.build_document()
    text = json.dumps(document)
    for name in {
        part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]
    }:
        assert name in document["components"]["schemas"], name
    Draft202012Validator.check_schema(
        {**document["components"]["schemas"]["ApiV2Image"]}
    )


@pytest.mark.django_db
def test_served_at_a_stable_url(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["paths"].keys() == openapi.build_document()["paths"].keys()


@pytest.mark.django_db
def test_responses_match_the_schema(client, home_page):
    document = openapi.build_document()
    index = ArticleIndexPageFactory(parent=home_page)
    ArticlePageFactory(parent=index, title="One")
    dc = StatusDataCenter.objects.create(code="VA1", name="Sterling")
    incident = Incident.objects.create(
        title="Slow",
        updates=[
            {
                "type": "update",
                "value": {"posted_at": "2026-01-01T10:00:00Z", "message": "Looking"},
            }
        ],
    )
    incident.affected_data_centers.add(dc)
    incident.save()
    checks = {
        "/api/v2/pages/": "/api/v2/pages/",
        "/api/v2/images/": "/api/v2/images/",
        "/api/v2/documents/": "/api/v2/documents/",
        "/api/resources/status/": "/api/resources/status/",
        f"/api/v2/pages/{index.pk}/": "/api/v2/pages/{id}/",
    }
    for url, path in checks.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_valid(document, path, response.json())


@pytest.mark.django_db
def test_schema_catches_a_wrong_response(client):
    document = openapi.build_document()
    payload = client.get("/api/resources/status/").json()
    payload["overall_status"] = "on fire"
    validator = Draft202012Validator(
        response_schema(document, "/api/resources/status/")
    )
    assert not validator.is_valid(payload)
