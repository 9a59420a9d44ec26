"""The same estimate priced in every data center, cheapest complete one first."""

from __future__ import annotations

from typing import Any

from catalog.estimator.engine import Estimate, estimate
from catalog.estimator.validation import Errors, parse_request


def compare(payload: dict[str, Any], tables: Any) -> tuple[list[Estimate], Errors]:
    """Estimates for every data center in `tables`, leaving out what each cannot offer.

    Errors that no data center can fix (a bad number, a managed Linux server) are
    returned instead. Data centers that price every line come first, each group by
    monthly total, then by alias.
    """
    results: list[Estimate] = []
    for alias in tables.aliases():
        request, errors = parse_request(
            {**payload, "data_center": alias, "skip_unavailable": True}, tables
        )
        if errors:
            return [], errors
        results.append(estimate(request, tables.get(alias)))
    results.sort(key=lambda e: (bool(e.unavailable), e.monthly_total, e.data_center))
    return results, Errors()
