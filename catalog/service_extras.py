"""What a service page shows beside its own text: catalog prices, articles, contact.

Everything comes from data editors manage (price sheets, articles, settings); nothing
is written here that the data does not say.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Func, IntegerField, Subquery
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, Site

from catalog.conf import related_articles_provider
from catalog.models.pricing import PRICE_FIELDS, DataCenter, Product
from catalog.models.pricing_pages import EstimatorPage, PricingCatalogPage
from catalog.models.settings import ServicePageSettings

if TYPE_CHECKING:
    from catalog.models.pages import ServicePage

MAX_ARTICLES = 8


def service_prices(page: ServicePage) -> dict[str, Any] | None:
    """The matching products in the first data center that offers any of them."""
    keys = page.price_key_list
    if not keys:
        return None
    # The number of data centers rides along in the same query (a subquery).
    total = (
        DataCenter.objects.order_by()
        .annotate(n=Func(F("id"), function="COUNT", output_field=IntegerField()))
        .values("n")
    )
    products = list(
        Product.objects.matching_keys(keys)
        .annotate(data_center_total=Subquery(total[:1]))
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
        "data_center_count": products[0].data_center_total,
    }


EXTRAS = (
    "service_prices",
    "article_groups",
    "service_settings",
    "contact_page",
    "pricing_page",
    "estimator_page",
    "show_body",
)


def service_extras(page: ServicePage, request: HttpRequest) -> dict[str, Any]:
    """Template context for ServicePage: prices, related articles, links, contact.

    Lazy: read when the template first uses one of them, so a site that keeps the
    rendered content (the reference site's page cache) runs none of these queries.
    """
    built: dict[str, Any] = {}

    def get(name: str) -> Any:
        if not built:
            built.update(build_service_extras(page, request))
        return built[name]

    return {name: SimpleLazyObject(partial(get, name)) for name in EXTRAS}


def build_service_extras(page: ServicePage, request: HttpRequest) -> dict[str, Any]:
    provider = related_articles_provider()
    site = Site.find_for_request(request)
    settings = (
        ServicePageSettings.objects.select_related("contact_page")
        .filter(site=site)
        .first()
        if site is not None
        else None
    ) or ServicePageSettings(site=site)
    contact = settings.contact_page if settings.contact_page_id else None
    # The catalog and estimator pages in one query (their URLs are all we need).
    links = {
        row.content_type_id: row
        for row in Page.objects.live()
        .type(PricingCatalogPage, EstimatorPage)
        .order_by("-path")
    }
    types = ContentType.objects.get_for_models(PricingCatalogPage, EstimatorPage)
    return {
        "service_prices": service_prices(page),
        "article_groups": provider(page.topic_list, limit=MAX_ARTICLES)
        if provider
        else [],
        "service_settings": settings,
        "contact_page": contact if contact and contact.live else None,
        "pricing_page": links.get(types[PricingCatalogPage].pk),
        "estimator_page": links.get(types[EstimatorPage].pk),
        "show_body": not page.body_repeats_summary,
    }
