"""The estimator's prices from the database: one snapshot of every data center's
PriceTable, where each product is offered and the price book's identity, cached.

Only known data-center aliases are ever looked up in the cache (an unknown alias
writes nothing), and a snapshot is keyed by a version that any price change bumps.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.cache import cache

from catalog.estimator import PriceTable, ProductPrice
from catalog.models import Currency, DataCenter, PriceBook, Product, SupportTier

VERSION_KEY = "catalog:price-tables:version"
SNAPSHOT_KEY = "catalog:price-snapshot:{version}"
# With a shared cache (Redis) a price change reaches every process at once; with the
# per-process default (locmem) other processes catch up within these bounds.
TIMEOUT = 60 * 60
LOCAL_TTL = 60


@dataclass(frozen=True)
class PriceSnapshot:
    version: int
    tables: dict[str, PriceTable]  # alias -> table, in display order
    availability: dict[str, tuple[str, ...]]  # product key -> aliases offering it
    book_id: str
    book_created: datetime

    @property
    def book(self) -> dict:
        return {"id": self.book_id, "created": self.book_created.isoformat()}


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # never reuse an old number after the cache is cleared or restarted
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate_price_tables() -> None:
    """Called after any price change: every cached snapshot becomes stale."""
    _local.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _build(version: int) -> PriceSnapshot:
    data_centers = list(DataCenter.objects.values_list("pk", "alias", "name"))
    currencies = {
        code: (rate, symbol)
        for code, rate, symbol in Currency.objects.values_list("code", "rate", "symbol")
    }
    currencies.setdefault("USD", (Decimal(1), "$"))
    tiers = tuple(SupportTier.objects.values_list("up_to", "percentage"))
    products: dict[int, dict[str, ProductPrice]] = {pk: {} for pk, _, _ in data_centers}
    software: dict[int, dict[str, str]] = {pk: {} for pk, _, _ in data_centers}
    rows = (
        Product.objects.priced()
        .order_by("data_center_id", "key", "pk")
        .values_list(
            "data_center_id",
            "key",
            "name",
            "hourly",
            "monthly",
            "usage",
            "setup_fee",
            "sockets",
            "short_name",
        )
    )
    alias_of = {pk: alias for pk, alias, _ in data_centers}
    digest_rows = []
    for dc, key, name, hourly, monthly, usage, setup, sockets, short in rows:
        products[dc].setdefault(
            key, ProductPrice(name, hourly, monthly, usage, setup, sockets, short)
        )
        if key.startswith("software:"):
            software[dc].setdefault(name, key)
        digest_rows.append(
            [alias_of[dc], key, name, *map(_plain, (hourly, monthly, usage, setup))]
            + [sockets]
        )
    tables = {}
    availability: dict[str, list[str]] = {}
    for pk, alias, name in data_centers:
        tables[alias] = PriceTable(
            data_center=alias,
            data_center_name=name,
            products=products[pk],
            currencies=currencies,
            support_tiers=tiers,
            software=software[pk],
        )
        for key in products[pk]:
            availability.setdefault(key, []).append(alias)
    content = json.dumps(
        {
            "data_centers": [[alias, name] for _, alias, name in data_centers],
            "products": digest_rows,
            "currencies": sorted(
                [code, _plain(rate), symbol]
                for code, (rate, symbol) in currencies.items()
            ),
            "tiers": [[_plain(a), _plain(b)] for a, b in tiers],
        },
        ensure_ascii=True,
    )
    book = PriceBook.record(hashlib.sha256(content.encode()).hexdigest())
    return PriceSnapshot(
        version=version,
        tables=tables,
        availability={k: tuple(v) for k, v in availability.items()},
        book_id=book.short_id,
        book_created=book.created_at,
    )


_local: dict[int, tuple[float, PriceSnapshot]] = {}


def snapshot() -> PriceSnapshot:
    """The current snapshot: per-process copy, then the shared cache, then the DB."""
    version = _version()
    now = time.monotonic()
    hit = _local.get(version)
    if hit is not None and now - hit[0] < LOCAL_TTL:
        return hit[1]
    key = SNAPSHOT_KEY.format(version=version)
    snap = cache.get(key)
    if snap is None:
        snap = _build(version)
        cache.set(key, snap, TIMEOUT)
    _local.clear()
    _local[version] = (now, snap)
    return snap


def get_price_table(alias: str) -> PriceTable | None:
    """The table for `alias`, or None for an unknown data center."""
    if not isinstance(alias, str):
        return None
    return snapshot().tables.get(alias)


class PriceTables:
    """What `parse_request` reads (tables by alias, known aliases, availability) and
    the price book they come from."""

    def __init__(self, snap: PriceSnapshot | None = None) -> None:
        self.snapshot = snap or snapshot()

    def get(self, alias: str) -> PriceTable | None:
        return self.snapshot.tables.get(alias) if isinstance(alias, str) else None

    def aliases(self) -> list[str]:
        return list(self.snapshot.tables)

    def changed_since(self, book_id: str) -> tuple[bool, datetime | None]:
        """Whether prices changed since the price book `book_id` (a prefix of its
        id) names, and when that book's prices applied (None if unknown)."""
        if self.snapshot.book_id.startswith(book_id.lower()[:12]):
            return False, None
        old = PriceBook.find(book_id.lower())
        return True, old.created_at if old else None

    def offered_in(self, keys: tuple[str, ...]) -> list[str]:
        """Aliases offering every product in `keys`, in display order."""
        sets = [set(self.snapshot.availability.get(k, ())) for k in keys]
        common = set.intersection(*sets) if sets else set()
        return [a for a in self.snapshot.tables if a in common]
