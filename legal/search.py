"""Clause search for a site search page: the clauses of each document's version in
effect whose text holds every search term, each with a link to its anchor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from legal.models import LegalDocumentPage

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
    for document in documents[:MAX_DOCUMENTS]:
        version = document.current_version()
        if version is None:
            continue
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
    for document in documents[:MAX_DOCUMENTS]:
        version = document.current_version()
        if version is not None:
            for clause in _clauses(version.body.get("content", [])):
                words.update(clause["title"].lower().split())
    return words
