"""Rich text as front-end HTML for the API, expanded in bulk for a listing.

`expand_db_html` looks up the pages and documents a text links to: one query (or
more, per page type) for every text. A listing expands all its texts in one
`expand_db_html` call instead, joined by a separator that stored rich text cannot
hold, and keeps the results on the request for the fields to pick up.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from wagtail.rich_text import expand_db_html

# NUL cannot be stored by PostgreSQL, and Django's form fields refuse it.
SEPARATOR = "\x00"
REQUEST_ATTR = "_resources_expanded_rich_text"


def expand_many(request: HttpRequest | None, sources: Iterable[str]) -> None:
    """Expand `sources` together and remember the HTML for this request."""
    if request is None:
        return
    expanded = _expanded(request)
    todo = [
        source
        for source in dict.fromkeys(sources)
        if source and source not in expanded and SEPARATOR not in source
    ]
    if not todo:
        return
    html = expand_db_html(SEPARATOR.join(todo)).split(SEPARATOR)
    if len(html) == len(todo):  # else a link handler wrote a NUL: one by one
        expanded.update(zip(todo, html, strict=True))


def expand(source: str, context: dict | None) -> str:
    """`source` as HTML, from the listing's bulk expansion when it has it."""
    if not source:
        return ""
    request = (context or {}).get("request")
    html = _expanded(request).get(source) if request is not None else None
    return expand_db_html(source) if html is None else html


def stream_sources(pages: Iterable, field: str, block_type: str) -> list[str]:
    """The raw rich text of every `block_type` block in the pages' StreamField."""
    return [
        block["value"]
        for page in pages
        for block in getattr(page, field).raw_data
        if block["type"] == block_type and isinstance(block["value"], str)
    ]


def _expanded(request: HttpRequest) -> dict[str, str]:
    expanded = getattr(request, REQUEST_ATTR, None)
    if expanded is None:
        expanded = {}
        setattr(request, REQUEST_ATTR, expanded)
    return expanded
