"""Legal version cycle in the host: publish from the admin, permalink, diff, JSON."""

from __future__ import annotations

import datetime

from django.urls import reverse

import pytest
from hosthelpers import assert_host_chrome, publish, staff

from legal.models import LegalDocumentPage, LegalDocumentVersion

pytestmark = pytest.mark.django_db


def body(breach: str) -> list[dict]:
    def clause(id: str, title: str, text: str) -> dict:
        paragraph = {"type": "paragraph", "id": f"{id}-p", "value": text}
        return {
            "type": "clause",
            "id": id,
            "value": {"title": title, "content": [paragraph]},
        }

    return [
        clause("scope", "Scope.", "These terms apply to the services."),
        clause("breach", "Breach.", breach),
    ]


def publish_version(client, page, label: str, day: datetime.date):
    return client.post(
        reverse("legal_publish_version", args=[page.pk]),
        {
            "label": label,
            "effective_date": day.isoformat(),
            "change_summary": f"Version {label}.",
            "confirm": "on",
        },
    )


def test_publish_permalink_and_diff(home, client):
    page = publish(home, LegalDocumentPage(title="Terms", body=body("We tell you.")))
    legal_editor = staff(groups=("Legal editors",))
    client.force_login(legal_editor)
    first = publish_version(client, page, "2024-01", datetime.date(2024, 1, 1))
    assert first.status_code == 302, first.content.decode()[:2000]

    page.body = body("We tell you within 72 hours.")
    page.save_revision().publish()
    assert (
        publish_version(client, page, "2025-01", datetime.date(2025, 1, 1)).status_code
        == 302
    )
    versions = LegalDocumentVersion.objects.filter(document=page)
    assert [v.label for v in versions.order_by("effective_date")] == [
        "2024-01",
        "2025-01",
    ]
    client.logout()

    current = client.get(page.url)
    assert current.status_code == 200
    assert "within 72 hours" in current.content.decode()
    assert_host_chrome(current.content.decode(), "legal/legal.css")

    permalink = client.get(f"{page.url}v/2024-01/")
    assert permalink.status_code == 200
    html = permalink.content.decode()
    assert "We tell you." in html and "72 hours" not in html
    assert_host_chrome(html, "legal/legal.css")

    listing = client.get(f"{page.url}versions/")
    assert listing.status_code == 200 and "2025-01" in listing.content.decode()

    diff = client.get(f"{page.url}diff/2024-01/2025-01/")
    assert diff.status_code == 200
    assert "<ins" in diff.content.decode()
    assert_host_chrome(diff.content.decode(), "legal/legal.css")
    assert client.get(f"{page.url}v/1999-01/").status_code == 404

    api = client.get(f"/api/legal/documents/{page.pk}/diff/2024-01/2025-01/")
    assert api.status_code == 200 and api.json()


def test_versions_are_immutable(home):
    page = publish(home, LegalDocumentPage(title="Terms", body=body("We tell you.")))
    from legal.services import publish_version as publish_now

    version = publish_now(
        document=page,
        label="2024-01",
        effective_date=datetime.date(2024, 1, 1),
        change_summary="First.",
        user=None,
        check_permission=False,
    )
    version.change_summary = "Rewritten."
    with pytest.raises(Exception, match="immutable|cannot"):
        version.save()
