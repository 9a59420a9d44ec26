"""Product categories and their services, as shown in the Products mega-menu."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db import models
from django.http import HttpRequest
from django.utils.html import strip_tags

from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey
from rest_framework.fields import ReadOnlyField

from catalog.blocks import ServiceBodyBlock
from lumen_kit.host_templates import HostBaseTemplateMixin
from lumen_kit.page_links import page_link


def service_summary(page: "ServicePage") -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "summary": page.summary,
        "url": page.url,
    }


class ProductCategoryPage(HostBaseTemplateMixin, Page):
    """A family of services (e.g. Managed Services); children ordered in the tree."""

    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()

    page_ptr = page_link()

    intro = models.TextField(
        blank=True, help_text="Short introduction, also shown in the menu."
    )
    body = StreamField(ServiceBodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField(
            "service_groups",
            serializer=ReadOnlyField(source="service_group_summaries"),
        ),
    ]
    subpage_types = ["catalog.ServicePage"]

    class Meta:
        verbose_name = "product category page"

    @classmethod
    def api_bulk_load(
        cls,
        pages: list["ProductCategoryPage"],
        *,
        fields: set[str],
        request: HttpRequest,
    ) -> None:
        """The API listing's categories get their live services in one query."""
        if "service_groups" not in fields:
            return
        children = reduce(
            or_, (models.Q(path__startswith=p.path, depth=p.depth + 1) for p in pages)
        )
        services: dict[str, list[ServicePage]] = defaultdict(list)
        for service in ServicePage.objects.live().filter(children).order_by("path"):
            services[service.path[: -Page.steplen]].append(service)
        for page in pages:
            page._prefetched_services = services[page.path]

    def get_services(self):
        return ServicePage.objects.child_of(self).live().order_by("path")

    @property
    def service_groups(self) -> list[dict]:
        """Live services grouped by heading, in tree order ("" = no heading)."""
        groups: list[dict] = []
        services = getattr(self, "_prefetched_services", None)
        for service in self.get_services() if services is None else services:
            if not groups or groups[-1]["heading"] != service.group:
                groups.append({"heading": service.group, "services": []})
            groups[-1]["services"].append(service)
        return groups

    @property
    def service_group_summaries(self) -> list[dict]:
        """The groups as JSON-ready data for the API."""
        return [
            {
                "heading": group["heading"],
                "services": [service_summary(s) for s in group["services"]],
            }
            for group in self.service_groups
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_groups"] = self.service_groups
        return context


class ServicePage(HostBaseTemplateMixin, Page):
    """One managed or application service."""

    # Page types it lists (related articles, catalog and estimator links): a
    # publish of one of them refreshes its cached copy.
    page_cache_depends_on = (
        "resources.articlepage",
        "catalog.pricingcatalogpage",
        "catalog.estimatorpage",
    )

    page_ptr = page_link()

    summary = models.CharField(
        max_length=250, help_text="One sentence; shown in the menu and on cards."
    )
    group = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional heading this service is listed under, e.g. 'Database'.",
    )
    body = StreamField(ServiceBodyBlock(), blank=True, use_json_field=True)
    price_keys = models.CharField(
        max_length=500,
        blank=True,
        help_text=(
            "Pricing catalog product keys whose prices this page shows, comma-"
            "separated, e.g. 'managed-apps:mysql'; a key ending in ':' takes every "
            "product under it ('rdbs:'). Empty: no price table."
        ),
    )
    documentation_topics = models.CharField(
        max_length=500,
        blank=True,
        help_text=(
            "Knowledge Base and guide topics about this service, comma-separated: "
            "matched against the articles' related products (tags) and categories. "
            "Empty: the page title."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("group"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("price_keys"), FieldPanel("documentation_topics")],
            heading="Prices and documentation",
        ),
        InlinePanel("related_services", label="Related services", max_num=6),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("group"),
        APIField("body"),
        APIField("related_service_summaries"),
    ]
    api_prefetch_related = ("related_services__related_page",)
    parent_page_types = ["catalog.ProductCategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "service page"

    @property
    def related_service_pages(self) -> list["ServicePage"]:
        """Live related services in editor order, in one query (a join), or none
        when the API listing has prefetched them."""
        links = getattr(self, "_prefetched_objects_cache", {}).get("related_services")
        if links is None:
            links = self.related_services.select_related("related_page")
        return [link.related_page for link in links if link.related_page.live]

    @property
    def related_service_summaries(self) -> list[dict]:
        return [service_summary(p) for p in self.related_service_pages]

    @property
    def body_repeats_summary(self) -> bool:
        """A body that only restates the summary (older seeds wrote that) is not
        shown twice: the summary is already under the title."""
        blocks = list(self.body)
        if len(blocks) != 1 or blocks[0].block_type != "paragraph":
            return False
        text = strip_tags(str(blocks[0].value.source)).strip()
        return " ".join(text.split()) == " ".join(self.summary.split())

    @property
    def price_key_list(self) -> list[str]:
        return [k.strip() for k in self.price_keys.split(",") if k.strip()]

    @property
    def topic_list(self) -> list[str]:
        topics = [t.strip() for t in self.documentation_topics.split(",") if t.strip()]
        return topics or [self.title]

    def get_context(self, request, *args, **kwargs):
        from catalog.service_extras import service_extras  # it reads these models

        context = super().get_context(request, *args, **kwargs)
        context.update(service_extras(self, request))
        return context


class ServicePageRelatedService(Orderable):
    page = ParentalKey(ServicePage, related_name="related_services")
    related_page = models.ForeignKey(
        ServicePage, on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("related_page", "catalog.ServicePage")]

    class Meta(Orderable.Meta):
        verbose_name = "related service"
