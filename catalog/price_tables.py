"""Build the estimator's PriceTable from the database, cached per data center."""

from __future__ import annotations

import time
from decimal import Decimal

from django.core.cache import cache

from catalog.estimator import PriceTable, ProductPrice
from catalog.models import Currency, DataCenter, Product, SupportTier

VERSION_KEY = "catalog:price-tables:version"
# With a shared cache (Redis) a price change reaches every process at once; with the
# per-process default (locmem) other processes catch up within these bounds.
TIMEOUT = 5 * 60
LOCAL_TTL = 60


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # never reuse an old number after the cache is cleared or restarted
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate_price_tables() -> None:
    """Called after any price change: every cached table becomes stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def _build(alias: str) -> PriceTable | None:
    dc = DataCenter.objects.filter(alias=alias).first()
    if dc is None:
        return None
    rows = Product.objects.filter(data_center=dc).exclude(key="")
    products: dict[str, ProductPrice] = {}
    software: dict[str, str] = {}
    for key, name, hourly, monthly, usage, setup_fee, sockets in rows.values_list(
        "key", "name", "hourly", "monthly", "usage", "setup_fee", "sockets"
    ):
        products[key] = ProductPrice(name, hourly, monthly, usage, setup_fee, sockets)
        if key.startswith("software:"):
            software[name] = key
    currencies = {
        code: (rate, symbol)
        for code, rate, symbol in Currency.objects.values_list("code", "rate", "symbol")
    }
    currencies.setdefault("USD", (Decimal(1), "$"))
    tiers = tuple(SupportTier.objects.values_list("up_to", "percentage"))
    return PriceTable(
        data_center=dc.alias,
        data_center_name=dc.name,
        products=products,
        currencies=currencies,
        support_tiers=tiers,
        software=software,
    )


_local: dict[tuple[int, str], tuple[float, PriceTable | None]] = {}


def get_price_table(alias: str) -> PriceTable | None:
    """The table for `alias`, or None for an unknown data center.

    Shared cache across processes, plus a per-process copy so that a warm request
    neither queries nor unpickles; both are keyed by the price version.
    """
    version = _version()
    local_key = (version, alias)
    now = time.monotonic()
    hit = _local.get(local_key)
    if hit is not None and now - hit[0] < LOCAL_TTL:
        return hit[1]
    key = f"catalog:price-table:{version}:{alias}"
    table = cache.get(key)
    if table is None:
        table = _build(alias) or False
        cache.set(key, table, TIMEOUT)
    if any(v != version for v, _ in _local):
        _local.clear()
    if len(_local) < 100 or local_key in _local:
        _local[local_key] = (now, table or None)
    return table or None


class PriceTables:
    """Mapping-like access for `parse_request`: loads only the requested data center."""

    def __init__(self) -> None:
        self._seen: dict[str, PriceTable | None] = {}

    def get(self, alias: str) -> PriceTable | None:
        if not isinstance(alias, str) or len(alias) > 10:
            return None
        if alias not in self._seen:
            self._seen[alias] = get_price_table(alias)
        return self._seen[alias]
