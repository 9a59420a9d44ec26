"""The Pricing Catalog and Online Estimator pages."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.cache import patch_cache_control

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from catalog.blocks import SupportFeatureBlock, default_support_features
from catalog.models.pricing import (
    PRICE_FIELDS,
    Currency,
    DataCenter,
    PriceSection,
    Product,
)
from lumen_kit.host_templates import HostBaseTemplateMixin
from lumen_kit.page_links import page_link

DEFAULT_DATA_CENTER = "VA1"


def _choose(request, name: str, options: list[str], default: str) -> str:
    value = request.GET.get(name) or request.POST.get(name) or default
    return value if value in options else default


class PricingCatalogPage(HostBaseTemplateMixin, Page):
    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()
    # Query parameters that choose what it shows: pages cached per value.
    page_cache_query_params = ("data_center", "currency")

    page_ptr = page_link()
    intro = RichTextField(blank=True, help_text="Shown above the price tables.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data_centers = list(DataCenter.objects.all())
        aliases = [dc.alias for dc in data_centers]
        alias = _choose(request, "data_center", aliases, DEFAULT_DATA_CENTER)
        currencies = list(Currency.objects.all())
        code = _choose(request, "currency", [c.code for c in currencies], "USD")
        currency = next((c for c in currencies if c.code == code), None)
        rate = currency.rate if currency else Decimal(1)
        availability: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        for key, dc_alias, name in Product.objects.priced().values_list(
            "key", "data_center__alias", "name"
        ):
            availability.setdefault(key, set()).add(dc_alias)
            names.setdefault(key, name)
        sections = list(
            PriceSection.objects.filter(data_center__alias=alias).prefetch_related(
                "products"
            )
        )
        offered = set()
        for section in sections:
            for product in section.products.all():
                offered.add(product.key)
                product.prices = {
                    f: (
                        getattr(product, f) * rate
                        if getattr(product, f) is not None
                        else None,
                        getattr(product, f"{f}_text"),
                    )
                    for f in PRICE_FIELDS
                }
                product.available_in = sorted(availability.get(product.key, ()))
        missing = sorted(
            (
                {"key": k, "name": names[k], "available_in": sorted(availability[k])}
                for k in availability
                if k not in offered
            ),
            key=lambda item: item["name"].lower(),
        )
        context.update(
            data_centers=data_centers,
            data_center=next((dc for dc in data_centers if dc.alias == alias), None),
            currencies=currencies,
            currency=currency,
            sections=sections,
            not_offered=missing,
            data_center_count=len(data_centers),
        )
        return context


class EstimatorPage(HostBaseTemplateMixin, Page):
    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()

    page_ptr = page_link()
    intro = RichTextField(blank=True, help_text="Shown above the estimator form.")
    disclaimer = models.TextField(
        blank=True,
        help_text="Small print under the totals, e.g. that prices exclude taxes.",
    )
    support_features = StreamField(
        [("feature", SupportFeatureBlock())],
        blank=True,
        default=default_support_features,
        help_text="Rows of the support plans comparison; the price row is computed.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("support_features"),
        FieldPanel("disclaimer"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("disclaimer"),
        APIField("support_features"),
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    PARTIAL_HEADER = "X-Estimator-Partial"

    def is_partial(self, request) -> bool:
        """The page's script asks for the estimator alone (no site chrome)."""
        return request.headers.get(self.PARTIAL_HEADER) == "1"

    def get_template(self, request, *args, **kwargs):
        if self.is_partial(request):
            return "catalog/estimator_page_partial.html"
        return super().get_template(request, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        # imported here: the page's context reads prices through these models
        from catalog.estimator.page.context import edit_redirect

        redirect = edit_redirect(request, self)
        if redirect is not None:
            return redirect
        response = super().serve(request, *args, **kwargs)
        if self.is_partial(request):
            response["Cache-Control"] = "no-store"
        elif request.GET:
            # every estimate has its own URL: keep them out of shared caches
            patch_cache_control(response, private=True, max_age=0)
        return response

    def get_context(self, request, *args, **kwargs):
        from catalog.estimator.page.context import build_estimator_context

        context = super().get_context(request, *args, **kwargs)
        context.update(build_estimator_context(request, self))
        return context
