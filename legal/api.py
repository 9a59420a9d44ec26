"""Small read-only JSON endpoints for headless front ends (/api/legal/...).

Wagtail's API v2 exposes the page with its current version; these add the version list,
any version by label and the diff, which API v2 cannot express as page fields.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from legal.diff import compare, summarise
from legal.models import LegalDocumentPage, LegalDocumentVersion
from legal.serializers import version_data


def _not_found(what: str) -> JsonResponse:
    return JsonResponse({"errors": {"detail": [f"{what} not found."]}}, status=404)


def _document(page_id: int) -> LegalDocumentPage | None:
    return LegalDocumentPage.objects.live().public().filter(pk=page_id).first()


def _version(page: LegalDocumentPage, label: str) -> LegalDocumentVersion | None:
    version = page.versions.filter(label=label).first()
    if version is not None:
        version.document = page
    return version


@require_GET
def document_detail(request: HttpRequest, page_id: int) -> JsonResponse:
    page = _document(page_id)
    if page is None:
        return _not_found("Document")
    versions = list(page.versions.newest_first().defer("body", "rendered_text"))
    for version in versions:
        version.document = page
    current = next((v for v in versions if not v.is_in_future()), None)
    upcoming = [v for v in reversed(versions) if v.is_in_future()]
    return JsonResponse(
        {
            "id": page.pk,
            "title": page.title,
            "intro": page.intro,
            "url": page.url,
            "current_version": version_data(current, full=True) if current else None,
            "upcoming_versions": [version_data(v) for v in upcoming],
            "versions": [version_data(v) for v in versions],
        }
    )


@require_GET
def version_detail(request: HttpRequest, page_id: int, label: str) -> JsonResponse:
    page = _document(page_id)
    version = _version(page, label) if page else None
    if version is None:
        return _not_found("Version")
    return JsonResponse(version_data(version, full=True))


@require_GET
def version_diff(
    request: HttpRequest, page_id: int, from_label: str, to_label: str
) -> JsonResponse:
    page = _document(page_id)
    old = _version(page, from_label) if page else None
    new = _version(page, to_label) if page else None
    if old is None or new is None:
        return _not_found("Version")
    entries = compare(old.body, new.body)
    return JsonResponse(
        {
            "from": version_data(old),
            "to": version_data(new),
            "summary": summarise(entries),
            "entries": [entry.as_dict() for entry in entries],
        }
    )
