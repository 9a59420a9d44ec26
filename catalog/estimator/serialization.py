"""The API's JSON (which the page renders too): an Estimate with amounts converted
to its currency, as strings; the price book; the data-center comparison."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from catalog.estimator.encoding import encode
from catalog.estimator.engine import Estimate
from catalog.estimator.line_pricing import Item, PricedLine
from catalog.estimator.request import Unavailable
from catalog.estimator.vocabulary import (
    DAYS_IN_MONTH,
    HOURS_IN_MONTH,
    SECTIONS,
    SUPPORT_PLANS,
    WEEKS_IN_MONTH,
)

CENT = Decimal("0.01")
FINE = Decimal("0.000001")


def money(value: Decimal) -> str:
    """Display form: 2 decimals, half-up."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def fine(value: Decimal) -> str:
    """Unit prices, quantities and hours: up to 6 decimals, no trailing zeros."""
    text = format(value.quantize(FINE, rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def unit_money(value: Decimal) -> str:
    """A unit price: at least 2 decimals, up to 6."""
    text = fine(value)
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def item_json(item: Item, rate: Decimal) -> dict:
    return {
        "label": item.label,
        "quantity": fine(item.quantity),
        "unit": item.unit,
        "unit_price": unit_money(item.unit_price * rate),
        "per": "hour" if item.hours is not None else "month",
        "hours": None if item.hours is None else fine(item.hours),
        "monthly": money(item.monthly * rate),
    }


def line_json(line: PricedLine, rate: Decimal) -> dict:
    body = {
        "kind": line.kind,
        "index": line.index,
        "section": line.section,
        "name": line.name,
        "description": line.description,
        "label": line.label,
        "quantity": fine(line.quantity),
        "monthly": money(line.monthly * rate),
        "setup_fee": money(line.setup_fee * rate),
        "os_licence": money(line.os_licence * rate),
        "managed": money(line.managed * rate),
        "breakdown": [item_json(item, rate) for item in line.items],
    }
    if line.kind == "managed_app":
        body["app"] = line.app
        body["app_index"] = line.app_index
    return body


def assumptions() -> dict:
    return {
        "hours_per_month": format(HOURS_IN_MONTH, "f"),
        "days_per_month": format(DAYS_IN_MONTH, "f"),
        "weeks_per_month": format(WEEKS_IN_MONTH, "f"),
    }


def estimate_json(est: Estimate) -> dict:
    rate = est.rate
    counts: dict[str, int] = {}
    for line in est.lines:
        counts[line.section] = counts.get(line.section, 0) + 1
    return {
        "data_center": est.data_center,
        "data_center_name": est.data_center_name,
        "currency": est.currency,
        "symbol": est.symbol,
        "rate": format(rate.normalize(), "f"),
        "support_plan": est.support_plan,
        "lines": [line_json(line, rate) for line in est.lines],
        "sections": [
            {
                "key": s.key,
                "label": s.label,
                "lines": counts.get(s.key, 0),
                "subtotal": money(est.subtotals[s.key] * rate),
            }
            for s in SECTIONS
        ],
        "usage_total": money(est.usage_total * rate),
        "support_base": money(est.support_base * rate),
        "support": money(est.support * rate),
        "support_plans": [
            {
                "plan": plan,
                "label": label,
                "monthly": money(est.plan_charges[plan] * rate),
                "monthly_total": money(
                    (est.usage_total + est.plan_charges[plan]) * rate
                ),
            }
            for plan, label in SUPPORT_PLANS.items()
        ],
        "monthly_total": money(est.monthly_total * rate),
        "setup_fees": money(est.setup_fees * rate),
        "unavailable": unavailable_json(est.unavailable),
        "assumptions": assumptions(),
    }


def unavailable_json(unavailable: Iterable[Unavailable]) -> list[dict]:
    return [
        {"path": u.path, "section": u.section, "line": u.line, "reason": u.reason}
        for u in unavailable
    ]


def price_book_json(tables: Any, asked: Any = None) -> dict:
    """The current price book, and whether it differs from the one a client names
    (`tables` is a catalog.price_tables.PriceTables)."""
    book: dict[str, Any] = dict(tables.snapshot.book)
    if isinstance(asked, str) and asked:
        book["requested"] = asked[:64]
        changed, then = tables.changed_since(asked)
        book["changed"] = changed
        if changed:
            book["requested_created"] = then.isoformat() if then else None
    return book


def estimate_body(est: Estimate, payload: dict, tables: Any, asked: Any) -> dict:
    """The API's response: the estimate, its price book and its canonical query."""
    body = estimate_json(est)
    body["price_book"] = price_book_json(tables, asked)
    body["query"] = encode(
        {k: v for k, v in payload.items() if k != "skip_unavailable"},
        price_book=tables.snapshot.book_id,
    )
    return body


def comparison_json(results: list[Estimate], tables: Any) -> dict:
    first = results[0] if results else None
    return {
        "currency": first.currency if first else "USD",
        "symbol": first.symbol if first else "$",
        "support_plan": first.support_plan if first else "developer",
        "price_book": price_book_json(tables),
        "data_centers": [
            {
                "data_center": e.data_center,
                "data_center_name": e.data_center_name,
                "complete": not e.unavailable,
                "lines": len(e.lines),
                "usage_total": money(e.usage_total * e.rate),
                "support": money(e.support * e.rate),
                "monthly_total": money(e.monthly_total * e.rate),
                "setup_fees": money(e.setup_fees * e.rate),
                "unavailable": [
                    {"path": u.path, "line": u.line, "reason": u.reason}
                    for u in e.unavailable
                ],
            }
            for e in results
        ],
    }
