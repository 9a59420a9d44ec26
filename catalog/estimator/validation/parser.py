"""The request as a whole: data center, currency and support plan, the lists of
lines (each read by its kind's reader), services, and the cap on lines."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

from catalog.estimator.prices import PriceTable
from catalog.estimator.request import EstimateRequest, Line
from catalog.estimator.validation.checker import Checker
from catalog.estimator.validation.lines import (
    read_appfog,
    read_bare_metal,
    read_intrusion_prevention,
    read_relational_db,
    read_simple_backup,
)
from catalog.estimator.validation.servers import read_server
from catalog.estimator.validation.values import (
    Errors,
    names,
    read_choice,
    read_flag,
    read_number,
    unknown_keys,
)
from catalog.estimator.vocabulary import (
    LINE_KINDS,
    MAX_LINES,
    SERVICES,
    SUPPORT_PLANS,
)

TOP_LEVEL = {
    "data_center",
    "currency",
    "support",
    "services",
    "skip_unavailable",
    "price_book",
    *LINE_KINDS,
}
USAGE_FIELDS = {"quantity", "usage", "usage_period"}
FIELDS = {
    "servers": {
        "type",
        "os",
        "cpu",
        "memory",
        "storage",
        "managed",
        "managed_apps",
        *USAGE_FIELDS,
    },
    "relational_dbs": {"type", "cpu", "memory", "storage", *USAGE_FIELDS},
    "simple_backups": {
        "storage",
        "retention_days",
        "daily_add_percent",
        "daily_delete_percent",
        "restore",
    },
    "bare_metal": {"config", "os", *USAGE_FIELDS},
    "intrusion_prevention": USAGE_FIELDS,
    "appfog": {"memory", *USAGE_FIELDS},
}
Reader = Callable[[Checker, int, str, dict, int], Line | None]
READERS: tuple[tuple[str, Reader], ...] = (
    ("relational_dbs", read_relational_db),
    ("simple_backups", read_simple_backup),
    ("bare_metal", read_bare_metal),
    ("intrusion_prevention", read_intrusion_prevention),
    ("appfog", read_appfog),
)


class Tables(Protocol):
    def get(self, alias: str) -> PriceTable | None: ...


def _lines(data: dict, name: str, c: Checker) -> list[tuple[int, str, dict]]:
    raw = data.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.errors.add(name, "Expected a list of lines.")
        return []
    out = []
    for i, item in enumerate(raw):
        path = f"{name}[{i}]"
        if not isinstance(item, dict):
            c.errors.add(path, "Expected an object.")
            continue
        unknown_keys(item, FIELDS[name], path, c.errors)
        out.append((i, path, item))
    return out


def _services(data: dict, c: Checker) -> dict[str, Decimal]:
    services = data.get("services")
    if services is None:
        return {}
    if not isinstance(services, dict):
        c.errors.add("services", "Expected an object of service quantities.")
        return {}
    unknown = [k for k in services if k not in SERVICES]
    if unknown:
        c.errors.add(
            "services",
            f"Unknown service{'s' if len(unknown) > 1 else ''}: {names(unknown)}."
            f" Choose from: {', '.join(SERVICES)}.",
        )
        return {}
    out = {}
    for key, spec in SERVICES.items():
        if key not in services:
            continue
        qty = read_number(services[key], f"services.{key}", c.errors, spec.bounds)
        if not qty:
            continue
        if c.missing(spec.product):
            c.not_offered(
                f"services.{key}",
                spec.section,
                spec.label,
                f"{spec.label} are" if spec.whole else f"{spec.label} is",
                (spec.product,),
            )
            continue
        out[key] = qty
    return out


def _count_lines(data: dict, c: Checker) -> bool:
    total = sum(len(data[k]) for k in LINE_KINDS if isinstance(data.get(k), list))
    if total > MAX_LINES:
        c.errors.add(
            "non_field_errors",
            f"An estimate can have at most {MAX_LINES} lines; this one has {total:,}.",
        )
        return False
    return True


def _read_lines(data: dict, c: Checker, req: EstimateRequest) -> None:
    """Every list of lines; servers are numbered apart from hyperscale servers."""
    counts = {"standard": 0, "hyperscale": 0}
    for i, path, item in _lines(data, "servers", c):
        kind = item.get("type") if item.get("type") == "hyperscale" else "standard"
        counts[kind] += 1
        server = read_server(c, i, path, item, counts[kind])
        if server is not None:
            req.servers.append(server)
    for name, read in READERS:
        target = getattr(req, name)
        for n, (i, path, item) in enumerate(_lines(data, name, c), 1):
            line = read(c, i, path, item, n)
            if line is not None:
                target.append(line)


def parse_request(data: Any, tables: Tables) -> tuple[EstimateRequest, Errors]:
    """Validate `data`; `tables.get(alias)` gives a data center's PriceTable."""
    req = EstimateRequest()
    if not isinstance(data, dict):
        errors = Errors()
        errors.add("non_field_errors", "Expected a JSON object.")
        return req, errors
    skip_errors = Errors()
    req.skip_unavailable = read_flag(
        data.get("skip_unavailable"), "skip_unavailable", skip_errors
    )
    dc = data.get("data_center", "VA1")
    table = tables.get(dc) if isinstance(dc, str) and len(dc) <= 10 else None
    c = Checker(table, tables, req.skip_unavailable)
    c.errors.update(skip_errors)
    unknown_keys(data, TOP_LEVEL, "", c.errors)
    if table is None:
        known = getattr(tables, "aliases", lambda: [])()
        c.errors.add(
            "data_center",
            "Choose one of our data centers"
            + (f": {', '.join(known)}." if known else "."),
        )
    else:
        req.data_center = table.data_center
    currency = data.get("currency", "USD")
    if table is not None:
        if isinstance(currency, str) and currency in table.currencies:
            req.currency = currency
        else:
            c.errors.add(
                "currency", f"Choose one of: {', '.join(sorted(table.currencies))}."
            )
    req.support = read_choice(
        data.get("support"), "support", c.errors, SUPPORT_PLANS, "developer"
    )
    if _count_lines(data, c):
        _read_lines(data, c, req)
    req.services = _services(data, c)
    req.unavailable = c.unavailable
    return req, c.errors
