"""The pricing pages: PricingCatalogPage rendering and selectors, EstimatorPage's
partial responses and cache headers; the pricing admin."""

from decimal import Decimal

from django.contrib.auth import get_user_model

import pytest

from catalog.models import Product
from catalog.templatetags.pricing_tags import price
from tests.catalog.factories import PricingCatalogPageFactory
from tests.catalog.helpers import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chrome_free_templates")]


def test_pricing_catalog_default_va1(client, home_page, prices):
    page = PricingCatalogPageFactory(parent=home_page)
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "US East (Sterling) (VA1)" in html
    assert "Bare Metal" in html and "Virtual CPU" in html
    assert "$0.56" in html  # bare metal config 1 hourly
    assert "custom" in html and "—" in html
    assert "Not offered in VA1" not in html


def test_pricing_catalog_au1_in_gbp_shows_availability(client, home_page, prices):
    page = PricingCatalogPageFactory(parent=home_page)
    html = client.get(
        page.url, {"data_center": "AU1", "currency": "GBP"}
    ).content.decode()
    assert "(AU1)" in html and "in GBP" in html
    # Names, not internal keys, with where they are offered instead.
    assert "Not offered in AU1" in html and "AppFog Application Deployment" in html
    assert "<code>appfog</code>" not in html
    vpn = Product.objects.get(data_center__alias="AU1", key="networking-services:vpn")
    assert f"£{price(vpn.monthly * Decimal('0.74448'))}" in html
    va1 = client.get(page.url, {"data_center": "VA1"}).content.decode()
    assert "1 of 2" in va1  # VA1-only products


def test_price_filter():
    assert price(Decimal("45.0")) == "45.00"
    assert price(Decimal("0.00005")) == "0.0001"
    assert price(Decimal("0.10830")) == "0.1083"
    assert price(None) == ""


def test_pricing_catalog_ignores_unknown_selectors(
    client, home_page, prices, django_assert_max_num_queries
):
    page = PricingCatalogPageFactory(parent=home_page)
    # Cold: +1 the page header's breadcrumbs, +2 the route index built here.
    with django_assert_max_num_queries(15):
        response = client.get(page.url, {"data_center": "<x>", "currency": "zz"})
    assert response.status_code == 200
    assert "<x>" not in response.content.decode()


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model", ["product", "pricesection", "datacenter", "currency", "supporttier"]
)
def test_admin_snippet_listings(admin_client, prices, model):
    response = admin_client.get(f"/admin/snippets/catalog/{model}/", {"q": "a"})
    assert response.status_code == 200


def test_admin_product_filter_and_edit(admin_client, prices):
    response = admin_client.get(
        "/admin/snippets/catalog/product/", {"q": "cpu", "data_center": "1"}
    )
    assert response.status_code == 200
    product = Product.objects.get(data_center__alias="VA1", key="server:cpu")
    response = admin_client.get(f"/admin/snippets/catalog/product/edit/{product.pk}/")
    assert response.status_code == 200


def test_partial_responses_for_the_script_and_cache_headers(client, estimator_page):
    response = get(
        client, estimator_page, "dc=VA1&server1-os=linux", HTTP_X_ESTIMATOR_PARTIAL="1"
    )
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert html.lstrip().startswith('<div class="est" id="estimator-app"')
    response = get(client, estimator_page, "dc=VA1&server1-os=linux")
    assert "private" in response["Cache-Control"]
