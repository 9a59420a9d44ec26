"""The EstimatorPage's request handling: the GET form (the estimate is the URL), its
Add/Remove buttons, and the context the templates render, priced by the API's engine.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from catalog.estimator import estimate, parse_request
from catalog.estimator.comparison import compare
from catalog.estimator.encoding import Decoded, apply_edit, decode, encode
from catalog.estimator.page.controls import Option, options_html
from catalog.estimator.page.form import FormBuilder
from catalog.estimator.serialization import (
    assumptions,
    comparison_json,
    estimate_body,
    unavailable_json,
)
from catalog.estimator.vocabulary import SUPPORT_PLANS
from catalog.price_tables import PriceTables

# What a new visitor starts from: one typical server.
STARTER = {"servers": [{"os": "linux", "cpu": 2, "memory": 4, "storage": 50}]}
ESTIMATE_PARAMS = ("dc", "currency", "support")


def _pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return [(k, v[-1]) for k, v in request.GET.lists()]


def edit_redirect(request: HttpRequest, page: Any) -> HttpResponseRedirect | None:
    """Add or Remove pressed (a GET, as the form): apply it and redirect to the
    estimate's canonical URL, so reloading or going back never repeats it."""
    decoded = decode(_pairs(request))
    add, remove = decoded.extra.get("add"), decoded.extra.get("remove")
    if not (add or remove) or not apply_edit(decoded):
        return None
    query = encode(decoded.payload)
    anchor = "estimator-form"
    if add and not add.endswith("-app"):
        numbers = [
            n for kind, n in decode(parse_qsl(query)).lines.values() if kind == add
        ]
        anchor = f"{add}{max(numbers)}" if numbers else f"section-{add}"
    elif add:
        anchor = add.removesuffix("-app")
    return HttpResponseRedirect(f"{page.url}?{query}#{anchor}", status=303)


def _decoded(request: HttpRequest) -> tuple[Decoded, bool]:
    """The request's estimate, or the starter estimate for a visitor who has none."""
    decoded = decode(_pairs(request))
    has_lines = any(isinstance(v, list) for v in decoded.payload.values())
    fresh = not has_lines and "services" not in decoded.payload
    if fresh and not any(p in request.GET for p in ESTIMATE_PARAMS):
        return decode(parse_qsl(encode(STARTER))), True
    return decoded, False


def _settings(tables: PriceTables, payload: dict, body: dict | None) -> dict:
    snap = tables.snapshot
    dc = payload.get("data_center", "VA1")
    currency = payload.get("currency", "USD")
    first = next(iter(snap.tables.values()), None)
    currencies = sorted(first.currencies.items()) if first else []
    plans = {p["plan"]: p for p in (body or {}).get("support_plans", [])}
    return {
        "data_centers": options_html(
            [
                Option(alias, f"{alias} – {t.data_center_name}", selected=alias == dc)
                for alias, t in snap.tables.items()
            ]
        ),
        "currencies": options_html(
            [
                Option(code, f"{code} ({symbol})", selected=code == currency)
                for code, (_, symbol) in currencies
            ]
        ),
        "plans": [
            {
                "value": plan,
                "label": label,
                "checked": plan == payload.get("support", "developer"),
                "priced": plans.get(plan),
            }
            for plan, label in SUPPORT_PLANS.items()
        ],
    }


def _support_rows(tables: PriceTables, symbol: str, rate: Decimal) -> list[str]:
    """The graduated support charge in words, from the support tiers."""
    table = next(iter(tables.snapshot.tables.values()), None)
    rows, lower = [], 0
    for up_to, percentage in table.support_tiers if table else ():
        rows.append(
            f"{(percentage * 100).normalize():f}% of monthly usage from"
            f" {symbol}{lower * rate:,.0f} to {symbol}{up_to * rate:,.0f}"
        )
        lower = up_to
    return rows


def _price_book_notice(tables: PriceTables, asked: str) -> dict | None:
    """When a shared link's prices have changed: since when, and the current book."""
    if not asked:
        return None
    changed, then = tables.changed_since(asked)
    if not changed:
        return None
    snap = tables.snapshot
    return {"then": then, "now": snap.book_created, "id": snap.book_id}


def build_estimator_context(request: HttpRequest, page: Any) -> dict:
    """The template context: the form, the priced estimate and the links to it."""
    decoded, fresh = _decoded(request)
    payload = {**decoded.payload, "skip_unavailable": True}
    tables = PriceTables()
    parsed, errors = parse_request(payload, tables)
    table = tables.get(payload.get("data_center", "VA1"))
    body = None
    if not errors:
        body = estimate_body(
            estimate(parsed, table), decoded.payload, tables, decoded.price_book
        )
    unavailable = (body or {}).get("unavailable") or unavailable_json(
        parsed.unavailable
    )
    currency = table.currencies.get(payload.get("currency", "USD")) if table else None
    rate, symbol = currency if currency else (Decimal(1), "$")
    form = FormBuilder(
        decoded, table, tables, body, errors, unavailable, rate=rate, symbol=symbol
    ).build()
    query = encode(decoded.payload)
    api = reverse("catalog:estimator-api")
    comparison = None
    if decoded.extra.get("compare") and not errors:
        results, _ = compare(decoded.payload, tables)
        comparison = comparison_json(results, tables)
        for row in comparison["data_centers"]:
            moved = {**decoded.payload, "data_center": row["data_center"]}
            row["url"] = f"{page.url}?{encode(moved)}"
    details = []
    for section in (body or {}).get("sections", []):
        section_lines = [x for x in body["lines"] if x["section"] == section["key"]]
        if section_lines:
            details.append((section, section_lines))
    return {
        "est": body,
        "est_details": details,
        "est_form": form,
        "est_symbol": symbol,
        "est_errors": form.summary,
        "est_settings": _settings(tables, decoded.payload, body),
        "est_unavailable": unavailable,
        "est_fresh": fresh,
        "est_comparison": comparison,
        "est_query": query,
        "est_canonical": f"{page.url}?{query}",
        "est_share_url": request.build_absolute_uri(
            f"{page.url}?{body['query']}" if body else f"{page.url}?{query}"
        ),
        "est_csv_url": f"{api}?{query}&skip_unavailable=1&format=csv",
        "est_compare_url": f"{page.url}?{query}&compare=1#compare",
        "est_api_url": api,
        "est_price_book_notice": _price_book_notice(tables, decoded.price_book),
        "est_support_rows": _support_rows(tables, symbol, rate),
        "est_assumptions": assumptions(),
    }
