"""Plain-dict shapes of versions shared by the page API fields and /api/legal/."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legal.models import LegalDocumentVersion


def version_data(version: LegalDocumentVersion, *, full: bool = False) -> dict:
    data = {
        "id": version.pk,
        "document": version.document_id,
        "label": version.label,
        "effective_date": version.effective_date.isoformat(),
        "change_summary": version.change_summary,
        "published_at": version.published_at.isoformat(),
        "sha256": version.sha256,
        "url": version.get_absolute_url(),
    }
    if full:
        data["body"] = version.body
        data["rendered_text"] = version.rendered_text
    return data
