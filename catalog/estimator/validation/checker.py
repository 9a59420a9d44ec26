"""One request's validation state: the data center's prices, the errors so far and
what the data center cannot offer (refused, or listed and left out)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from catalog.estimator.prices import PriceTable
from catalog.estimator.request import HourlyLine, SizedLine, Unavailable
from catalog.estimator.validation.values import Errors, read_choice, read_number
from catalog.estimator.vocabulary import (
    CPU,
    DEFAULT_PERIOD,
    MEMORY,
    QUANTITY,
    Bounds,
    usage_bounds,
)

PERIOD_CHOICES = {
    "percentage_of_month": "percentage of the month",
    "hours_per_month": "hours a month",
    "hours_per_week": "hours a week",
    "hours_per_day": "hours a day",
}


class Checker:
    """Reads a line's fields into its typed line and says what is not offered."""

    def __init__(self, table: PriceTable | None, tables: Any, skip: bool) -> None:
        self.table = table
        self.tables = tables
        self.skip = skip
        self.errors = Errors()
        self.unavailable: list[Unavailable] = []

    # --- what the data center offers -----------------------------------------------
    def where(self) -> str:
        t = self.table
        return f"{t.data_center} ({t.data_center_name})" if t else ""

    def elsewhere(self, keys: tuple[str, ...]) -> str:
        finder = getattr(self.tables, "offered_in", None)
        if finder is None or self.table is None:
            return ""
        others = [a for a in finder(keys) if a != self.table.data_center]
        if not others:
            return " No data center offers it."
        if len(others) <= 4:
            return f" Available in {', '.join(others)}."
        return f" Available in {len(others)} other data centers."

    def missing(self, *keys: str) -> bool:
        return self.table is not None and not self.table.offers_all(keys)

    def not_offered(
        self,
        path: str,
        section: str,
        line: str,
        what: str,
        keys: tuple[str, ...],
        consequence: str = "",
    ) -> None:
        reason = f"{what} not offered in {self.where()}.{self.elsewhere(keys)}"
        if self.skip:
            self.unavailable.append(
                Unavailable(path, section, line, (reason + consequence).strip())
            )
        else:
            self.errors.add(path, reason)

    # --- fields --------------------------------------------------------------------
    def number(
        self,
        item: dict,
        path: str,
        name: str,
        bounds: Bounds,
        default: Decimal | None = None,
    ) -> Decimal:
        return read_number(
            item.get(name), f"{path}.{name}", self.errors, bounds, default
        )

    def choice(
        self, item: dict, path: str, name: str, choices: dict[str, str], default: str
    ) -> str:
        return read_choice(
            item.get(name), f"{path}.{name}", self.errors, choices, default
        )

    def size(self, item: dict, path: str, line: SizedLine, storage: Bounds) -> None:
        """vCPU, memory and storage (whose range depends on the kind of machine)."""
        line.cpu = self.number(item, path, "cpu", CPU)
        line.memory = self.number(item, path, "memory", MEMORY)
        line.storage = self.number(item, path, "storage", storage)

    def hourly(self, item: dict, path: str, line: HourlyLine) -> None:
        """Quantity, then the usage period and the usage within it."""
        line.quantity = self.number(item, path, "quantity", QUANTITY)
        line.usage_period = self.choice(
            item, path, "usage_period", PERIOD_CHOICES, DEFAULT_PERIOD
        )
        line.usage = self.number(item, path, "usage", usage_bounds(line.usage_period))
