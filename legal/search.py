"""Clause search for a site search page: the clauses of each document's version in
effect whose text holds every search term, each with a link to its anchor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from legal.models import LegalDocumentPage, LegalDocumentVersion

MAX_DOCUMENTS = 50


def _own_text(nodes: list[dict]) -> str:
    parts: list[str] = []
    for node in nodes:
        if node["kind"] == "paragraph":
            parts.append(node["text"])
        elif node["kind"] == "list":
            for item in node["items"]:
                parts.append(item["text"])
                parts.extend(item["items"])
    return " ".join(parts)


def _clauses(nodes: list[dict], scope: str = "") -> Iterator[dict[str, Any]]:
    for node in nodes:
        if node["kind"] == "clause":
            yield {
                "id": node["id"],
                "ref": f"{scope} {node['ref']}".strip() if scope else node["ref"],
                "title": node["title"],
                "text": _own_text(node["content"]),
            }
            yield from _clauses(node["content"], scope)
        elif node["kind"] == "appendix":
            yield from _clauses(node["content"], node["title"])


def _in_effect(documents: Any) -> list[tuple[LegalDocumentPage, LegalDocumentVersion]]:
    """The first MAX_DOCUMENTS documents, each with its version in effect today
    (those without one left out): two queries, however many documents there are."""
    in_effect = (
        LegalDocumentVersion.objects.published()
        .filter(document=OuterRef("pk"), effective_date__lte=timezone.localdate())
        .newest_first()
        .values("pk")[:1]
    )
    pages = list(documents.annotate(_version_id=Subquery(in_effect))[:MAX_DOCUMENTS])
    versions = LegalDocumentVersion.objects.in_bulk(
        [page._version_id for page in pages if page._version_id]
    )
    return [
        (page, versions[page._version_id])
        for page in pages
        if page._version_id in versions
    ]


def search_clauses(
    terms: list[str], *, pages: Any = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Clauses matching all ``terms`` (case-insensitive) in the versions in effect.

    ``pages`` narrows the documents (e.g. to one site's live, public pages).
    """
    words = [t.lower() for t in terms if t]
    if not words:
        return []
    documents = pages if pages is not None else LegalDocumentPage.objects.live()
    hits: list[dict[str, Any]] = []
    for document, version in _in_effect(documents):
        for clause in _clauses(version.body.get("content", [])):
            haystack = f"{clause['title']} {clause['text']}".lower()
            if all(word in haystack for word in words):
                hits.append(
                    {
                        **clause,
                        "document": document,
                        "version": version,
                        "url": f"{document.url}#clause-{clause['id']}",
                    }
                )
                if len(hits) >= limit:
                    return hits
    return hits


def clause_words(*, pages: Any = None) -> set[str]:
    """Words of the clause titles, for "did you mean" suggestions."""
    documents = pages if pages is not None else LegalDocumentPage.objects.live()
    words: set[str] = set()
    for _, version in _in_effect(documents):
        for clause in _clauses(version.body.get("content", [])):
            words.update(clause["title"].lower().split())
    return words
