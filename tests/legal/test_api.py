import datetime
import json
from pathlib import Path

from django.utils import timezone

import legal
from tests.legal.factories import clause, publish, simple_body


def test_document_endpoint(client, document, version1):
    future = timezone.localdate() + datetime.timedelta(days=10)
    publish(document, "next", future, body=[*simple_body(), clause("n", "N.", "n")])
    data = client.get(f"/api/legal/documents/{document.pk}/").json()
    assert data["title"] == document.title
    assert data["current_version"]["label"] == "2018-05"
    assert data["current_version"]["body"]["content"][0]["ref"] == "1"
    assert data["current_version"]["sha256"] == version1.sha256
    assert [v["label"] for v in data["upcoming_versions"]] == ["next"]
    assert [v["label"] for v in data["versions"]] == ["next", "2018-05"]
    assert data["versions"][1]["url"] == "/dp-exhibit/v/2018-05/"


def test_version_and_diff_endpoints(client, document, version1):
    body = simple_body()
    body[0]["value"]["content"][0]["value"] = "Applies <b>broadly</b>."
    publish(document, "2019-01", datetime.date(2019, 1, 1), body=body)
    one = client.get(f"/api/legal/documents/{document.pk}/versions/2018-05/").json()
    assert one["rendered_text"] == version1.rendered_text
    diff = client.get(
        f"/api/legal/documents/{document.pk}/diff/2018-05/2019-01/"
    ).json()
    assert diff["summary"]["changed"] == 1
    changed = next(e for e in diff["entries"] if e["status"] == "changed")
    assert changed["clause_id"] == "scope"
    assert "<ins>&lt;b&gt;broadly&lt;/b&gt;.</ins>" in changed["html"]


def test_unknown_things_are_json_404(client, document, version1):
    for url in (
        "/api/legal/documents/999999/",
        f"/api/legal/documents/{document.pk}/versions/nope/",
        f"/api/legal/documents/{document.pk}/diff/2018-05/nope/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "errors" in response.json()
    assert client.post(f"/api/legal/documents/{document.pk}/").status_code == 405


def test_unpublished_document_is_hidden(client, document, version1):
    document.unpublish()
    assert client.get(f"/api/legal/documents/{document.pk}/").status_code == 404


def test_wagtail_api_v2_exposes_version_fields(client, version1):
    response = client.get(
        "/api/v2/pages/",
        {"type": "legal.LegalDocumentPage", "fields": "intro,current_version_api"},
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["current_version_api"]["label"] == "2018-05"
    assert item["current_version_api"]["body"]["title"] == "Data Protection Exhibit"
    detail = client.get(f"/api/v2/pages/{version1.document_id}/").json()
    assert [v["label"] for v in detail["versions_api"]] == ["2018-05"]


def test_openapi_fragment_describes_the_endpoints():
    spec = json.loads(
        (Path(legal.__file__).parent / "openapi.json").read_text(encoding="utf-8")
    )
    assert set(spec) == {"paths", "components"}
    assert "/api/legal/documents/{page_id}/" in spec["paths"]
    assert "/api/legal/documents/{page_id}/versions/{label}/" in spec["paths"]
    assert (
        "/api/legal/documents/{page_id}/diff/{from_label}/{to_label}/"
        in (spec["paths"])
    )
    assert "LegalDocumentVersion" in spec["components"]["schemas"]
