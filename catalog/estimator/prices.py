"""The prices an estimate reads: one data center's products, in USD."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from catalog.estimator.vocabulary import HOURS_IN_MONTH

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ProductPrice:
    name: str
    hourly: Decimal | None = None
    monthly: Decimal | None = None
    usage: Decimal | None = None
    setup_fee: Decimal | None = None
    sockets: int | None = None
    short_name: str = ""


@dataclass(frozen=True)
class PriceTable:
    """Everything one estimate needs for one data center, in USD."""

    data_center: str
    data_center_name: str
    products: dict[str, ProductPrice]
    currencies: dict[str, tuple[Decimal, str]]  # code -> (rate, symbol)
    support_tiers: tuple[tuple[Decimal, Decimal], ...]  # (up_to, percentage)
    software: dict[str, str] = field(default_factory=dict)  # name -> key

    def offers(self, key: str) -> bool:
        return key in self.products

    def offers_all(self, keys: tuple[str, ...]) -> bool:
        return all(key in self.products for key in keys)

    def name(self, key: str) -> str:
        return self.products[key].name

    def hourly(self, key: str) -> Decimal:
        return self.products[key].hourly or ZERO

    def monthly(self, key: str) -> Decimal:
        return self.products[key].monthly or ZERO

    def per_gb_month(self, key: str) -> Decimal:
        """Hourly-priced storage costs hourly x 720 per GB-month, else `monthly`."""
        price = self.products[key]
        if price.hourly is not None:
            return price.hourly * HOURS_IN_MONTH
        return price.monthly or ZERO
