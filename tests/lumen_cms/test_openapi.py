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
    assert set(SPEC) == {"paths", "components"}
    assert "/api/v2/navigation/" in SPEC["paths"]


@pytest.mark.django_db
def test_navigation_response_matches_the_schema(client, seeded_site):
    response = client.get("/api/v2/navigation/")
    operation = SPEC["paths"]["/api/v2/navigation/"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    check(response.json(), schema)
