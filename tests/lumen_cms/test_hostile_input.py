"""Unauthenticated hostile input: 400 (JSON under /api/) or an empty result, never
a 500 (the list is shared with the live fuzzing in .ci/api-fuzz)."""

import pytest

from legal.models import LegalDocumentPage
from tests.hostile_requests import PROBES, with_legal_id

pytestmark = pytest.mark.django_db


def send(client, probe):
    legal = LegalDocumentPage.objects.live().values_list("pk", flat=True).first()
    path = with_legal_id(probe.path, legal)
    if probe.method == "GET":
        return client.get(path)
    return client.post(path, probe.body, content_type="application/json")


def test_every_probe_gets_its_answer(client, lumen_site):
    client.raise_request_exception = False
    wrong = []
    for probe in PROBES:
        response = send(client, probe)
        ok = response.status_code == probe.status
        if ok and probe.json:
            ok = "errors" in response.json()
        if not ok:
            wrong.append((probe.method, probe.path[:60], response.status_code))
    assert wrong == []


def test_search_ignores_nul_characters(client, lumen_site):
    response = client.get("/search/?q=my%00sql")
    assert response.status_code == 200
    assert response.context["search_query"] == "mysql"
    assert "MySQL" in response.text


def test_admin_login_with_nul_characters_is_a_form_error(client, lumen_site):
    client.raise_request_exception = False
    response = client.post(
        "/admin/login/", {"username": "ad\x00min", "password": "x\x00"}
    )
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.text


def test_the_api_names_the_offending_parameter(client, db):
    response = client.get("/api/v2/pages/?search=ok&title=a%00b")
    assert response.status_code == 400
    assert response.json() == {"errors": {"title": ["NUL characters are not allowed."]}}
