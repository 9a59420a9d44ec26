"""Pricing products for a site search page: they are rows of the price sheets, not
pages, so they are searched here (name and description) and link to the catalog."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.html import strip_tags

from catalog.models import PricingCatalogPage, Product

MAX_PRODUCTS = 50


def search_products(terms: list[str], *, limit: int = MAX_PRODUCTS) -> list[dict]:
    """Products whose name or description holds every term, once per product (the
    first data center's row), linked to their section of the Pricing Catalog."""
    query = Q()
    for term in terms:
        if term:
            query &= Q(name__icontains=term) | Q(description_html__icontains=term)
    if not query:
        return []
    # Tuples, not models: up to limit * 20 rows are read, each would make three
    # instances (product, data center, section).
    rows = (
        Product.objects.filter(query)
        .order_by("data_center__sort_order", "data_center__alias", "sort_order")
        .values_list(
            "key",
            "name",
            "description_html",
            "data_center__alias",
            "section__name",
            "section__key",
        )
    )
    pricing = None
    seen: set[str] = set()
    hits: list[dict[str, Any]] = []
    for key, name, description, alias, section, anchor in rows[: limit * 20]:
        identity = key or name
        if identity in seen:
            continue
        seen.add(identity)
        if pricing is None:
            pricing = PricingCatalogPage.objects.live().first() or False
        url = f"{pricing.url}?data_center={alias}#{anchor}" if pricing else ""
        hits.append(
            {
                "title": name,
                "text": strip_tags(description),
                "section": section,
                "url": url,
            }
        )
        if len(hits) >= limit:
            break
    # Products named after the search come before those that only mention it.
    words = [t.lower() for t in terms]
    hits.sort(key=lambda hit: not all(w in hit["title"].lower() for w in words))
    return hits


def product_words() -> set[str]:
    """Words of product names, for "did you mean" suggestions."""
    words: set[str] = set()
    for name in Product.objects.values_list("name", flat=True).distinct()[:2000]:
        words.update(name.lower().split())
    return words
