"""What a service page shows beside its own text: catalog prices, articles, contact.

Everything comes from data editors manage (price sheets, articles, settings); nothing
is written here that the data does not say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from catalog.conf import related_articles_provider
from catalog.models.estimator_pages import EstimatorPage, PricingCatalogPage
from catalog.models.pricing import PRICE_FIELDS, DataCenter, Product
from catalog.models.settings import ServicePageSettings

if TYPE_CHECKING:
    from catalog.models.pages import ServicePage

MAX_ARTICLES = 8


def service_prices(page: ServicePage) -> dict[str, Any] | None:
    """The matching products in the first data center that offers any of them."""
    keys = page.price_key_list
    if not keys:
        return None
    products = list(
        Product.objects.matching_keys(keys)
        .select_related("data_center", "section")
        .order_by("data_center__sort_order", "data_center__alias", "sort_order")
    )
    if not products:
        return None
    data_center = products[0].data_center
    shown = [p for p in products if p.data_center_id == data_center.pk]
    offered_in = sorted({p.data_center.alias for p in products})
    for product in shown:
        product.prices = {
            field: (getattr(product, field), getattr(product, f"{field}_text"))
            for field in PRICE_FIELDS
        }
    return {
        "data_center": data_center,
        "products": shown,
        "offered_in": offered_in,
        "data_center_count": DataCenter.objects.count(),
    }


def service_extras(page: ServicePage, request: HttpRequest) -> dict[str, Any]:
    """Template context for ServicePage: prices, related articles, links, contact."""
    provider = related_articles_provider()
    settings = ServicePageSettings.for_request(request)
    contact = settings.contact_page if settings.contact_page_id else None
    pricing = PricingCatalogPage.objects.live().public().first()
    estimator = EstimatorPage.objects.live().public().first()
    return {
        "service_prices": service_prices(page),
        "article_groups": provider(page.topic_list, limit=MAX_ARTICLES)
        if provider
        else [],
        "service_settings": settings,
        "contact_page": contact if contact and contact.live else None,
        "pricing_page": pricing,
        "estimator_page": estimator,
        "show_body": not page.body_repeats_summary,
    }
