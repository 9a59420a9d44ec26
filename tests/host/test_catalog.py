"""Pricing import from the shipped sheets and the estimator API in the host."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

import pytest
from hosthelpers import assert_host_chrome, publish

from catalog.models import DataCenter, EstimatorPage, PricingCatalogPage, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def prices(db):
    out = StringIO()
    call_command("import_pricing", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_pricing_uses_the_sheets_shipped_in_the_wheel(prices):
    assert DataCenter.objects.filter(alias__iexact="VA1").exists()
    assert Product.objects.count() > 100
    assert "data centers" in prices


def test_estimator_api_answers_and_refuses_bad_input(client, prices):
    payload = {
        "data_center": "VA1",
        "currency": "USD",
        "servers": [
            {
                "type": "standard",
                "os": "linux",
                "cpu": 2,
                "memory": 4,
                "storage": 50,
                "quantity": 1,
                "usage": 100,
                "usage_period": "percentage_of_month",
            }
        ],
    }
    ok = client.post("/api/estimator/", json.dumps(payload), "application/json")
    assert ok.status_code == 200, ok.content
    assert float(ok.json()["monthly_total"]) > 0
    bad = client.post(
        "/api/estimator/",
        json.dumps({**payload, "data_center": "XX9"}),
        "application/json",
    )
    assert bad.status_code == 400 and "data_center" in bad.json()["errors"]
    assert client.post("/api/estimator/", "{", "application/json").status_code == 400


def test_estimator_and_price_pages_render_with_prices(home, client, prices):
    estimator = publish(home, EstimatorPage(title="Estimator"))
    catalog = publish(home, PricingCatalogPage(title="Pricing"))
    for page, css in (
        (estimator, "catalog/estimator.css"),
        (catalog, "catalog/catalog.css"),
    ):
        response = client.get(page.url)
        assert response.status_code == 200
        assert_host_chrome(response.content.decode(), css)
    assert "VA1" in client.get(catalog.url).content.decode()
