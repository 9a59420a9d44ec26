"""Pages API listings of catalog page types: no query per page with `fields=*`."""

import itertools

import pytest

from catalog.models import ServicePageRelatedService
from tests.api_listing import check_listing_budget, listing
from tests.catalog.factories import (
    EstimatorPageFactory,
    PricingCatalogPageFactory,
    ProductCategoryPageFactory,
    ServicePageFactory,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def service_body(target) -> list[dict]:
    return [
        {"type": "heading", "value": "Why us"},
        {"type": "paragraph", "value": "<p>Managed <b>for</b> you.</p>"},
        {
            "type": "features",
            "value": {
                "heading": "Features",
                "features": [{"title": "Backups", "text": "Daily"}],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "Talk to us",
                "text": "",
                "page": target.pk,
                "url": "",
                "button_text": "Contact Us",
            },
        },
    ]


@pytest.fixture
def category(home_page):
    return ProductCategoryPageFactory(parent=home_page, slug="managed-services")


def test_service_pages(client, home_page, category):
    contact = ServicePageFactory(parent=category, title="Contact", slug="contact")
    draft = ServicePageFactory(parent=category, title="Draft", slug="draft")
    draft.unpublish()

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            page = ServicePageFactory(
                parent=category,
                title=f"Service {n}",
                slug=f"service-{n}",
                group="Database",
                body=service_body(contact),
            )
            for target in (contact, draft):
                ServicePageRelatedService.objects.create(page=page, related_page=target)

    items = check_listing_budget(client, "catalog.ServicePage", add, budget=7)
    item = next(i for i in items if i["title"].startswith("Service"))
    assert item["group"] == "Database"
    assert item["related_service_summaries"] == [
        {
            "id": contact.pk,
            "title": "Contact",
            "summary": contact.summary,
            "url": "/managed-services/contact/",
        }
    ]  # the draft is left out
    cta = next(b for b in item["body"] if b["type"] == "call_to_action")
    assert cta["value"]["page"] == contact.pk


def test_product_category_pages(client, home_page):
    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            category = ProductCategoryPageFactory(
                parent=home_page, title=f"Category {n}", slug=f"category-{n}"
            )
            ServicePageFactory(parent=category, title=f"B {n}", group="Database")
            ServicePageFactory(parent=category, title=f"A {n}", group="Database")
            ServicePageFactory(parent=category, title=f"S {n}", group="Services")
            hidden = ServicePageFactory(parent=category, title=f"Hidden {n}")
            hidden.unpublish()
            category.body = service_body(hidden)
            category.save_revision().publish()

    items = check_listing_budget(client, "catalog.ProductCategoryPage", add, budget=6)
    item = items[-1]
    n = item["title"].split()[-1]
    groups = item["service_groups"]
    assert [g["heading"] for g in groups] == ["Database", "Services"]
    assert [s["title"] for s in groups[0]["services"]] == [f"B {n}", f"A {n}"]
    assert groups[0]["services"][0]["url"] == f"/category-{n}/b-{n}/"
    cta = next(b for b in item["body"] if b["type"] == "call_to_action")
    assert cta["value"]["page"] is not None


def test_pricing_catalog_and_estimator_pages(client, home_page):
    def add_catalogs(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            PricingCatalogPageFactory(
                parent=home_page, slug=f"pricing-{n}", intro="<p>Prices</p>"
            )

    def add_estimators(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            EstimatorPageFactory(
                parent=home_page, slug=f"estimator-{n}", disclaimer="No taxes."
            )

    catalogs = check_listing_budget(
        client, "catalog.PricingCatalogPage", add_catalogs, budget=4
    )
    assert catalogs[0]["intro"] == "<p>Prices</p>"
    estimators = check_listing_budget(
        client, "catalog.EstimatorPage", add_estimators, budget=4
    )
    assert estimators[0]["disclaimer"] == "No taxes."
    assert estimators[0]["support_features"][0]["type"] == "feature"


def test_plain_listing_skips_what_only_fields_read(client, category):
    """The declared prefetches serve `fields=*`; the default listing pays nothing."""
    for n in range(3):
        page = ServicePageFactory(parent=category, slug=f"s-{n}")
        ServicePageRelatedService.objects.create(page=page, related_page=page)
    _, plain = listing(client, "catalog.ServicePage", fields="")
    _, star = listing(client, "catalog.ServicePage")
    assert star == plain + 2  # the related services and their pages
