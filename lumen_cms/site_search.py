"""What the search page shows: services, pages and articles (Wagtail's index), pricing
products and legal clauses (which are not pages), each with a type label and a snippet
with the search terms marked; and a "did you mean" when nothing matches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page, Site

from catalog.models import ProductCategoryPage, ServicePage
from catalog.search import product_words, search_products
from legal.models import LegalDocumentPage
from legal.search import clause_words, search_clauses
from resources.models import ArticlePage

MAX_PAGE_HITS = 200
MAX_VOCABULARY_TITLES = 5000
VOCABULARY_TIMEOUT = 600  # seconds; see _vocabulary
SNIPPET_LENGTH = 220
TEXT_FIELDS = ("search_description", "summary", "intro", "hero_text")

# Filter key -> label; results are listed in this order.
KINDS = {
    "service": "Services",
    "pricing": "Pricing",
    "article": "Articles",
    "page": "Pages",
    "legal": "Legal clauses",
}


@dataclass
class SearchHit:
    kind: str
    label: str
    title: str
    url: str
    text: str
    snippet: SafeString | None = None
    page_id: int | None = None


def search_terms(query: str) -> list[str]:
    """The words of a query (at most 8), for matching and highlighting."""
    return re.findall(r"\w+", query.lower())[:8]


def highlight(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """An escaped excerpt of ``text`` around the first term, terms in <mark>."""
    text = " ".join(text.split())
    if not text:
        return mark_safe("")
    lower = text.lower()
    positions = [p for p in (lower.find(t) for t in terms if t) if p >= 0]
    start = max(0, min(positions) - length // 3) if positions else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    excerpt = text[start : start + length]
    if start + length < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > length // 2 else excerpt) + "…"
    if start:
        excerpt = "…" + excerpt
    pattern = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    if not pattern:
        return escape(excerpt)
    parts = re.split(f"({pattern})", excerpt, flags=re.IGNORECASE)
    html = "".join(
        f"<mark>{escape(part)}</mark>" if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )
    return mark_safe(html)  # noqa: S308 - every part escaped above


def _stream_text(value: Any) -> list[str]:
    """The strings of raw StreamField data (rich text stripped of its tags)."""
    if isinstance(value, str):
        return [strip_tags(value)]
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key not in {"type", "id", "page", "url", "language", "image"}
            for text in _stream_text(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in _stream_text(item)]
    return []


def page_text(page: Page) -> str:
    """A page's readable text: its summary fields, then its body."""
    parts = [
        strip_tags(str(getattr(page, name, "") or ""))
        for name in TEXT_FIELDS
        if getattr(page, name, "")
    ]
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "raw_data"):
        parts.extend(_stream_text(list(body.raw_data)))
    return " ".join(part for part in parts if part.strip())


def _page_kind(page: Page) -> str:
    if isinstance(page, ServicePage):
        return "service"
    if isinstance(page, ArticlePage):
        return "article"
    return "page"


def _page_label(page: Page, parents: dict[str, str]) -> str:
    if isinstance(page, ServicePage):
        return "Service"
    if isinstance(page, ProductCategoryPage):
        return "Products"
    if isinstance(page, ArticlePage):
        return parents.get(page.path[: -Page.steplen], "Article")
    if isinstance(page, LegalDocumentPage):
        return "Legal document"
    return "Page"


def ranked_page_rows(results: Any) -> list[tuple[int, str, int]]:
    """(pk, title, content type id) of each page hit, in rank order.

    The database backends' querysets also select the matched search vector of every
    hit: on PostgreSQL the whole tsvector of title and body, several kB a page, which
    cost more than the search itself at 200 hits. values_list leaves it out.
    """
    queryset = getattr(results, "get_queryset", None)
    if queryset is None:
        return [(page.pk, page.title, page.content_type_id) for page in results]
    return list(queryset().values_list("pk", "title", "content_type_id"))


class SearchResults:
    """Every hit of one query, in KINDS order, for Django's Paginator.

    Page hits stay plain ``Page`` rows until shown: only the slice on screen is
    loaded as specific pages (for text and labels).
    """

    def __init__(self, *, query: str, site: Site | None, kind: str = "") -> None:
        self.query = query
        self.terms = search_terms(query)
        self.kind = kind if kind in KINDS else ""
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        self.pages = pages
        page_rows = (
            ranked_page_rows(pages.search(query)[:MAX_PAGE_HITS]) if self.terms else []
        )
        content_types = ContentType.objects.get_for_models(ServicePage, ArticlePage)
        service_type = content_types[ServicePage].pk
        article_type = content_types[ArticlePage].pk
        by_kind: dict[str, list[SearchHit]] = {key: [] for key in KINDS}
        for pk, title, content_type_id in page_rows:
            kind = (
                "service"
                if content_type_id == service_type
                else "article"
                if content_type_id == article_type
                else "page"
            )
            by_kind[kind].append(SearchHit(kind, "", title, "", "", page_id=pk))
        for product in search_products(self.terms):
            by_kind["pricing"].append(
                SearchHit(
                    "pricing",
                    f"Pricing · {product['section']}",
                    product["title"],
                    product["url"],
                    product["text"],
                )
            )
        # The live, public pages of this site (restrictions were read once, above).
        legal_pages = LegalDocumentPage.objects.filter(
            pk__in=pages.type(LegalDocumentPage).values("pk")
        )
        for clause in search_clauses(self.terms, pages=legal_pages):
            title = f"{clause['document'].title}, clause {clause['ref']}"
            if clause["title"]:
                title += f": {clause['title']}"
            by_kind["legal"].append(
                SearchHit("legal", "Legal clause", title, clause["url"], clause["text"])
            )
        self.counts = {key: len(hits) for key, hits in by_kind.items()}
        self.hits = [
            hit
            for key in KINDS
            if not self.kind or key == self.kind
            for hit in by_kind[key]
        ]

    def __len__(self) -> int:
        return len(self.hits)

    def count(self) -> int:
        return len(self.hits)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def filters(self) -> list[dict[str, Any]]:
        """The result types that have hits, for the filter links."""
        return [
            {"key": key, "label": label, "count": self.counts[key]}
            for key, label in KINDS.items()
            if self.counts[key]
        ]

    def __getitem__(self, index):
        chosen = self.hits[index]
        self._complete(chosen if isinstance(chosen, list) else [chosen])
        return chosen

    def _complete(self, hits: list[SearchHit]) -> None:
        """Load the specific pages on screen (one query per type) and add snippets."""
        wanted = [hit.page_id for hit in hits if hit.page_id and not hit.url]
        if wanted:
            loaded = Page.objects.filter(pk__in=wanted).specific()
            pages = {page.pk: page for page in loaded}
            parent_paths = {
                page.path[: -Page.steplen]
                for page in pages.values()
                if isinstance(page, ArticlePage)
            }
            parents = dict(
                Page.objects.filter(path__in=parent_paths).values_list("path", "title")
            )
            for hit in hits:
                page = pages.get(hit.page_id)
                if page is None or hit.url:
                    continue
                hit.url = page.get_url() or ""
                hit.label = _page_label(page, parents)
                hit.kind = _page_kind(page)
                hit.text = page_text(page)
        for hit in hits:
            if hit.snippet is None:
                hit.snippet = highlight(hit.text, self.terms)


def _vocabulary(site: Site | None) -> set[str]:
    """Words (3+ letters) of live page titles, product names and clause titles.

    Reading thousands of titles costs tens of milliseconds, so the set is cached for
    VOCABULARY_TIMEOUT: a suggestion that misses a word published since is harmless.
    """
    key = f"lumen-search:vocabulary:{site.pk if site is not None else 'all'}"
    cached = cache.get(key)
    if cached is not None:
        return set(cached)
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    titles = pages.values_list("title", flat=True)[:MAX_VOCABULARY_TITLES]
    text = " ".join([*titles, *product_words(), *clause_words()]).lower()
    vocabulary = {word for word in re.findall(r"\w+", text) if len(word) > 2}
    cache.set(key, sorted(vocabulary), VOCABULARY_TIMEOUT)
    return vocabulary


def did_you_mean(query: str, *, site: Site | None) -> str:
    """A nearby query made of words the site uses, or "" when none is closer."""
    terms = search_terms(query)
    if not terms:
        return ""
    vocabulary = _vocabulary(site)
    suggestion = []
    for term in terms:
        if term in vocabulary:
            suggestion.append(term)
            continue
        close = get_close_matches(term, vocabulary, n=1, cutoff=0.75)
        suggestion.append(close[0] if close else term)
    return " ".join(suggestion) if suggestion != terms else ""
