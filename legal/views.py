"""Visitor-facing views behind the legal page routes (called from the page model)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from legal.diff import compare, group_unchanged, summarise

if TYPE_CHECKING:
    from legal.models import LegalDocumentPage, LegalDocumentVersion

PAGE_TEMPLATE = "legal/legal_document_page.html"
VERSIONS_TEMPLATE = "legal/legal_document_page_versions.html"
DIFF_TEMPLATE = "legal/legal_document_page_diff.html"


def _get_version(page: LegalDocumentPage, label: str) -> LegalDocumentVersion:
    version = page.versions.filter(label=label).first()
    if version is None:
        raise Http404("No such version.")
    version.document = page  # reuse the routed page: no extra query for URLs
    return version


def _context(request: HttpRequest, page: LegalDocumentPage, **extra) -> dict:
    context = page.get_context(request)
    context.update(extra)
    return context


def current_version(request: HttpRequest, page: LegalDocumentPage) -> HttpResponse:
    if getattr(request, "is_preview", False):
        # Editors previewing a draft see the draft, clearly marked as unpublished.
        return TemplateResponse(
            request,
            PAGE_TEMPLATE,
            _context(request, page, body=page.frozen_body(), is_draft_preview=True),
        )
    # Bodies are loaded only for the version shown, not for every past version.
    versions = list(page.versions.newest_first().defer("body", "rendered_text"))
    for version in versions:
        version.document = page
    current = next((v for v in versions if not v.is_in_future()), None)
    upcoming = [v for v in reversed(versions) if v.is_in_future()]
    return TemplateResponse(
        request,
        PAGE_TEMPLATE,
        _context(
            request,
            page,
            version=current,
            body=current.body if current else None,
            upcoming=upcoming[0] if upcoming else None,
            versions_count=len(versions),
        ),
    )


def version_list(request: HttpRequest, page: LegalDocumentPage) -> HttpResponse:
    versions = list(page.versions.newest_first().defer("body", "rendered_text"))
    for index, version in enumerate(versions):
        version.document = page
        version.previous = versions[index + 1] if index + 1 < len(versions) else None
    current = next((v for v in versions if not v.is_in_future()), None)
    status = 200
    error = ""
    from_label, to_label = request.GET.get("from"), request.GET.get("to")
    if from_label is not None or to_label is not None:
        labels = {v.label for v in versions}
        if from_label in labels and to_label in labels and from_label != to_label:
            return redirect(
                page.url
                + page.reverse_subpage(
                    "diff", kwargs={"from_label": from_label, "to_label": to_label}
                )
            )
        if from_label in labels and from_label == to_label:
            error = (
                f"You chose version {from_label} twice. "
                "Choose two different versions to compare."
            )
        else:
            error = "Choose two different published versions to compare."
        status = 400
    return TemplateResponse(
        request,
        VERSIONS_TEMPLATE,
        _context(
            request,
            page,
            versions=versions,
            current=current,
            error=error,
            selected_from=from_label,
            selected_to=to_label,
        ),
        status=status,
    )


def version_detail(
    request: HttpRequest, page: LegalDocumentPage, *, label: str
) -> HttpResponse:
    version = _get_version(page, label)
    current = page.current_version()
    return TemplateResponse(
        request,
        PAGE_TEMPLATE,
        _context(
            request,
            page,
            version=version,
            body=version.body,
            is_permalink=True,
            is_current=current is not None and current.pk == version.pk,
        ),
    )


def version_diff(
    request: HttpRequest, page: LegalDocumentPage, *, from_label: str, to_label: str
) -> HttpResponse:
    old, new = _get_version(page, from_label), _get_version(page, to_label)
    if old.pk == new.pk:
        # Nothing to compare: say so rather than list every clause as unchanged.
        versions = list(page.versions.newest_first().defer("body", "rendered_text"))
        for version in versions:
            version.document = page
        return TemplateResponse(
            request,
            DIFF_TEMPLATE,
            _context(request, page, old=old, new=new, same=True, versions=versions),
        )
    entries = compare(old.body, new.body)
    return TemplateResponse(
        request,
        DIFF_TEMPLATE,
        _context(
            request,
            page,
            old=old,
            new=new,
            entries=group_unchanged(entries),
            summary=summarise(entries),
        ),
    )
