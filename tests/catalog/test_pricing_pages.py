"""PricingCatalogPage and EstimatorPage: rendering, selectors, the no-JS form, admin."""

import re
from decimal import Decimal

from django.contrib.auth import get_user_model

import pytest

from catalog.models import Product
from catalog.templatetags.pricing_tags import price
from tests.catalog.factories import EstimatorPageFactory, PricingCatalogPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chrome_free_templates")]

EMPTY_KINDS = [
    "relational_dbs",
    "simple_backups",
    "bare_metal",
    "intrusion_prevention",
    "appfog",
]


def form_data(**extra) -> dict:
    data = {"data_center": "VA1", "currency": "USD", "support": "developer"}
    for kind in EMPTY_KINDS:
        data |= {f"{kind}-TOTAL_FORMS": "0", f"{kind}-INITIAL_FORMS": "0"}
    data |= {
        "servers-TOTAL_FORMS": "1",
        "servers-INITIAL_FORMS": "0",
        "servers-0-type": "standard",
        "servers-0-os": "linux",
        "servers-0-cpu": "2",
        "servers-0-memory": "4",
        "servers-0-storage": "50",
        "servers-0-quantity": "1",
        "servers-0-usage": "100",
        "servers-0-usage_period": "percentage_of_month",
        "servers-0-app_instances": "1",
    }
    return data | extra


def total(html: str) -> list[str]:
    return re.findall(r'Monthly total</th><td class="num">([^<]*)', html)


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
    with django_assert_max_num_queries(13):  # +1: the page header's breadcrumbs
        response = client.get(page.url, {"data_center": "<x>", "currency": "zz"})
    assert response.status_code == 200
    assert "<x>" not in response.content.decode()


def test_estimator_get_renders_form(client, home_page, prices):
    page = EstimatorPageFactory(parent=home_page)
    html = client.get(page.url).content.decode()
    assert 'name="servers-0-cpu"' in html
    assert "catalog/estimator.js" in html
    assert 'data-api="/api/estimator/"' in html
    assert total(html) == ["$63.60"]  # the default line, priced before any input


def test_estimator_post_computes_without_js(client, home_page, prices):
    page = EstimatorPageFactory(parent=home_page)
    html = client.post(page.url, form_data()).content.decode()
    assert total(html) == ["$63.60"]


def test_estimator_add_and_remove_lines(client, home_page, prices):
    page = EstimatorPageFactory(parent=home_page)
    html = client.post(page.url, form_data(add="appfog")).content.decode()
    assert 'name="appfog-0-memory" value="1024"' in html
    assert '<th scope="row">Standard Linux server, 2 vCPU / 4 GB RAM</th>' in html
    assert total(html) == ["$92.40"]  # new AppFog line at its defaults: 0.04 * 720
    html = client.post(page.url, form_data(remove="servers-0")).content.decode()
    assert total(html) == ["$0.00"]


def test_estimator_reports_errors(client, home_page, prices):
    page = EstimatorPageFactory(parent=home_page)
    response = client.post(page.url, form_data(**{"servers-0-cpu": "-3"}))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    response = client.post(page.url, form_data(**{"servers-0-managed": "on"}))
    assert "linux cannot" in response.content.decode()
    response = client.post(
        page.url,
        form_data(
            data_center="AU1",
            **{
                "appfog-TOTAL_FORMS": "1",
                "appfog-0-memory": "1024",
                "appfog-0-quantity": "1",
                "appfog-0-usage": "100",
                "appfog-0-usage_period": "percentage_of_month",
            },
        ),
    )
    assert "not offered in AU1" in response.content.decode()


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
