"""Prices from the database: one cached snapshot per price version, dropped on any
change; the price book that names them; nothing cached for unknown data centers."""

from decimal import Decimal

from django.core.cache import cache

import pytest

from catalog.models import Product
from catalog.price_tables import PriceTables
from tests.catalog.helpers import URL, only, post

pytestmark = pytest.mark.django_db


def test_query_count_cold_then_cached(client, prices, django_assert_num_queries):
    cache.clear()
    payload = {"servers": [{"cpu": 1}], "services": {"vpn": 1}}
    # data centers, currencies, tiers, products, price book (insert-or-ignore, read)
    with django_assert_num_queries(6):
        assert post(client, payload)[0] == 200
    with django_assert_num_queries(0):
        assert post(client, payload)[0] == 200


def test_price_change_invalidates_cached_table(client, prices):
    payload = {"services": {"vpn": 1}}
    assert post(client, payload)[1]["monthly_total"] == "45.00"
    vpn = Product.objects.get(data_center__alias="VA1", key="networking-services:vpn")
    vpn.monthly = Decimal("50")
    vpn.save()
    assert post(client, payload)[1]["monthly_total"] == "50.00"


def test_price_book_names_the_prices_used_and_says_when_they_changed(client, prices):
    payload = {"services": {"vpn": 1}}
    first = post(client, payload)[1]["price_book"]
    assert (
        post(client, {**payload, "price_book": first["id"]})[1]["price_book"]["changed"]
        is False
    )
    vpn = Product.objects.get(data_center__alias="VA1", key="networking-services:vpn")
    vpn.monthly = Decimal("50")
    vpn.save()
    body = post(client, {**payload, "price_book": first["id"]})[1]
    assert body["monthly_total"] == "50.00"
    assert body["price_book"]["id"] != first["id"]
    assert body["price_book"]["changed"] is True
    assert body["price_book"]["requested_created"] == first["created"]
    by_get = client.get(URL, {"dc": "VA1", "vpn": "1", "pb": first["id"]}).json()
    assert by_get["price_book"]["changed"] is True
    vpn.monthly = Decimal("45")
    vpn.save()  # the same prices again: the same book
    assert post(client, payload)[1]["price_book"]["id"] == first["id"]


@pytest.mark.parametrize("alias", ["ZZ1", "\ud800", "va1", "X" * 5000, 3, None])
def test_unknown_data_centers_write_no_cache_key(prices, alias):
    PriceTables()  # the snapshot itself is cached once
    cache.set("marker", 1)
    keys_before = set(getattr(cache, "_cache", {}))
    path, messages = only({"data_center": alias})
    assert path == "data_center"
    assert messages[0].startswith("Choose one of our data centers: VA1, AU1")
    assert set(getattr(cache, "_cache", {})) == keys_before
