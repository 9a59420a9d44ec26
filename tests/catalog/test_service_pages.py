"""Service pages: summary once, editable body, catalog prices where products match,
articles about the service, and the contact call to action."""

import re

from wagtail.models import Site

import pytest

from catalog.models import Product, ServicePageSettings
from tests.catalog.factories import (
    EstimatorPageFactory,
    PricingCatalogPageFactory,
    ProductCategoryPageFactory,
    ServicePageFactory,
)
from tests.resources.factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Management and maintenance for your MySQL workloads."


@pytest.fixture
def category(home_page):
    return ProductCategoryPageFactory(parent=home_page, slug="managed-services")


def test_matching_keys_takes_exact_keys_and_prefixes(prices):
    va1 = Product.objects.in_data_center("VA1")
    exact = va1.matching_keys(["managed-apps:mysql"])
    assert list(exact.values_list("key", flat=True)) == ["managed-apps:mysql"]
    prefixed = set(va1.matching_keys(["rdbs:"]).values_list("key", flat=True))
    assert "rdbs:single:cpu" in prefixed and len(prefixed) == 7
    assert not va1.matching_keys([]).exists()
    assert not va1.matching_keys([""]).exists()


def test_service_page_shows_its_catalog_prices(client, home_page, category, prices):
    PricingCatalogPageFactory(parent=home_page, slug="pricing")
    EstimatorPageFactory(parent=home_page, slug="estimator")
    service = ServicePageFactory(
        parent=category,
        title="MySQL",
        slug="mysql",
        summary=SUMMARY,
        price_keys="managed-apps:mysql, managed-apps:mysql-replication-master-slave",
    )
    html = client.get(service.url).text
    assert "Managed MySQL" in html and "$0.763" in html
    assert "Managed MySQL Replication (Master/Slave)" in html
    assert "Managed Apache" not in html
    assert "In US East (Sterling) (VA1), US dollars" in html
    assert 'href="/pricing/?data_center=VA1#managed-applications"' in html
    assert 'href="/estimator/"' in html
    assert 'role="region" aria-label="MySQL: price table"' in html


def test_service_page_without_matching_products_has_no_price_table(
    client, category, prices
):
    plain = ServicePageFactory(parent=category, slug="plain", price_keys="")
    missing = ServicePageFactory(parent=category, slug="missing", price_keys="nope:x")
    assert "service-prices" not in client.get(plain.url).text
    assert "service-prices" not in client.get(missing.url).text


def test_summary_is_not_repeated_as_the_body(client, category):
    repeated = ServicePageFactory(
        parent=category,
        slug="repeated",
        summary=SUMMARY,
        body=[("paragraph", f"<p>{SUMMARY}</p>")],
    )
    own = ServicePageFactory(
        parent=category,
        slug="own",
        summary=SUMMARY,
        body=[("paragraph", "<p>Backups, patching and tuning.</p>")],
    )
    assert repeated.body_repeats_summary and not own.body_repeats_summary
    assert client.get(repeated.url).text.count(SUMMARY) == 2  # header + meta
    html = client.get(own.url).text
    assert "Backups, patching and tuning." in html


def test_related_articles_come_from_tags_and_categories(client, home_page, category):
    kb = ArticleIndexPageFactory(parent=home_page)
    tagged = ArticlePageFactory(parent=kb, title="Tuning MySQL")
    tagged.tags.add("MySQL")
    tagged.save_revision().publish()
    ArticlePageFactory(parent=kb, title="Unrelated")
    service = ServicePageFactory(parent=category, title="MySQL", slug="mysql")
    html = client.get(service.url).text
    assert "Guides and articles" in html
    assert re.search(r'<h3><a href="/knowledge-base/">Knowledge Base</a></h3>', html)
    assert "Tuning MySQL" in html and "Unrelated" not in html

    service.documentation_topics = "Nothing like it"
    service.save_revision().publish()
    assert "Tuning MySQL" not in client.get(service.url).text


def test_contact_call_to_action_comes_from_settings(client, home_page, category):
    service = ServicePageFactory(parent=category, slug="mysql")
    assert "service-aside" not in client.get(service.url).text
    contact = ServicePageFactory(parent=category, slug="talk-to-us")
    settings = ServicePageSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_page = contact
    settings.contact_heading = "Talk to an expert"
    settings.save()
    html = client.get(service.url).text
    assert "Talk to an expert" in html
    assert f'class="service-contact" href="{contact.url}"' in html
