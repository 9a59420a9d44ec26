"""Turn untrusted JSON into a typed EstimateRequest, with a message per field."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from catalog.estimator.engine import HOURS, SERVICE_PRODUCTS, PriceTable
from catalog.estimator.request import (
    AppFog,
    BareMetal,
    EstimateRequest,
    HourlyItem,
    ManagedApp,
    RelationalDb,
    Server,
    SimpleBackup,
)

MAX_VALUE = Decimal(10) ** 9
MAX_LINES = 200
PERIOD_MAX = {
    "percentage_of_month": Decimal(100),
    "hours_per_month": Decimal(744),
    "hours_per_week": Decimal(168),
    "hours_per_day": Decimal(24),
}
PERIODS = tuple(HOURS)
SUPPORT_PLANS = ("developer", "professional", "enterprise")
MANAGEABLE_OS = ("redhat", "windows")


Path = str | tuple[str, str]


class Errors(dict):
    """Field path -> messages; a path may be (prefix, name), joined only on error."""

    def add(self, path: Path, message: str) -> None:
        if isinstance(path, tuple):
            path = ".".join(path)
        self.setdefault(path, []).append(message)

    def get(self, path: Path, default=None):
        if isinstance(path, tuple):
            path = ".".join(path)
        return super().get(path, default)


def _number(
    raw: Any,
    path: Path,
    errors: Errors,
    *,
    default: Decimal,
    integer: bool = False,
    minimum: Decimal = Decimal(0),
    maximum: Decimal = MAX_VALUE,
) -> Decimal:
    if raw is None:
        return default
    if type(raw) is int and minimum <= raw <= maximum:
        return Decimal(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        errors.add(path, "Enter a number.")
        return default
    if isinstance(raw, float) and not math.isfinite(raw):
        errors.add(path, "Enter a finite number.")
        return default
    try:
        value = Decimal(str(raw).strip()) if isinstance(raw, str) else Decimal(str(raw))
    except InvalidOperation:
        errors.add(path, "Enter a number.")
        return default
    if not value.is_finite():
        errors.add(path, "Enter a finite number.")
        return default
    if integer and value != value.to_integral_value():
        errors.add(path, "Enter a whole number.")
        return default
    if value < minimum:
        errors.add(path, f"Enter a number of at least {minimum}.")
        return default
    if value > maximum:
        errors.add(path, f"Enter a number of at most {maximum}.")
        return default
    return value


def _choice(raw: Any, path: Path, errors: Errors, choices, default: str) -> str:
    if raw is None:
        return default
    if not isinstance(raw, str) or raw not in choices:
        errors.add(path, f"Choose one of: {', '.join(choices)}.")
        return default
    return raw


def _usage(item: dict, path: str, errors: Errors) -> tuple[Decimal, str]:
    period = _choice(
        item.get("usage_period"),
        (path, "usage_period"),
        errors,
        PERIODS,
        "percentage_of_month",
    )
    usage = _number(
        item.get("usage"),
        (path, "usage"),
        errors,
        default=Decimal(100),
        maximum=PERIOD_MAX[period],
    )
    return usage, period


def _items(data: dict, name: str, errors: Errors) -> list[tuple[str, dict]]:
    raw = data.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.add(name, "Expected a list.")
        return []
    if len(raw) > MAX_LINES:
        errors.add(name, f"At most {MAX_LINES} lines.")
        return []
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            errors.add(f"{name}[{i}]", "Expected an object.")
        else:
            out.append((f"{name}[{i}]", item))
    return out


def _require(
    table: PriceTable | None, key: str, path: Path, what: str, errors: Errors
) -> None:
    if table is not None and not table.offers(key):
        if any(m.startswith(what + " (") for m in errors.get(path, [])):
            return
        errors.add(path, f"{what} ({key}) is not offered in {table.data_center}.")


def _software_key(
    raw: Any, path: Path, table: PriceTable | None, errors: Errors
) -> str:
    if raw in (None, ""):
        return ""
    if not isinstance(raw, str):
        errors.add(path, "Enter a software name.")
        return ""
    if table is None:
        return ""
    if raw in table.software:
        return table.software[raw]
    key = raw if raw.startswith("software:") else f"software:{raw}"
    if table.offers(key):
        return key
    errors.add(path, f"Unknown software licence {raw!r} in {table.data_center}.")
    return ""


class _Fields:
    """One request line's fields, read with defaults; errors land under its path."""

    def __init__(self, item: dict, path: str, errors: Errors) -> None:
        self.item, self.path, self.errors = item, path, errors

    def number(
        self,
        name: str,
        default: int,
        *,
        minimum: int = 0,
        maximum: Decimal = MAX_VALUE,
    ) -> Decimal:
        return _number(
            self.item.get(name),
            (self.path, name),
            self.errors,
            default=Decimal(default),
            minimum=Decimal(minimum),
            maximum=maximum,
        )

    def whole(self, name: str, default: int, **bounds: Any) -> Decimal:
        return _number(
            self.item.get(name),
            (self.path, name),
            self.errors,
            default=Decimal(default),
            integer=True,
            **{k: Decimal(v) for k, v in bounds.items()},
        )

    def choice(self, name: str, choices: tuple[str, ...]) -> str:
        return _choice(
            self.item.get(name), (self.path, name), self.errors, choices, choices[0]
        )

    def usage(self) -> tuple[Decimal, str]:
        return _usage(self.item, self.path, self.errors)


def _lines(data: dict, name: str, errors: Errors) -> list[_Fields]:
    return [_Fields(item, path, errors) for path, item in _items(data, name, errors)]


def _server(f: _Fields, table: PriceTable | None) -> Server:
    s = Server()
    s.type = f.choice("type", ("standard", "hyperscale"))
    s.os = f.choice("os", ("linux", "redhat", "windows"))
    s.cpu = f.number("cpu", 1)
    s.memory = f.number("memory", 1)
    s.storage = f.number("storage", 0)
    s.quantity = f.whole("quantity", 1)
    s.usage, s.usage_period = f.usage()
    path, errors = f.path, f.errors
    managed = f.item.get("managed", False)
    if not isinstance(managed, bool):
        errors.add((path, "managed"), "Expected true or false.")
        managed = False
    s.managed = managed
    suffix = ":hyperscale" if s.type == "hyperscale" else ""
    what = "Hyperscale server" if suffix else "Standard server"
    for key in (
        f"server:cpu{suffix}",
        f"server:memory{suffix}",
        "server:storage:hyperscale" if suffix else "server:storage:standard",
    ):
        _require(table, key, (path, "type"), what, errors)
    if s.os != "linux":
        _require(table, f"server:os:{s.os}", (path, "os"), "Operating system", errors)
    if managed:
        if s.os not in MANAGEABLE_OS:
            errors.add(
                (path, "managed"),
                "Only Red Hat and Windows servers can be managed; linux cannot.",
            )
        else:
            _require(
                table,
                f"server:os:{s.os}-managed",
                (path, "managed"),
                "Managed OS",
                errors,
            )
    for j, app in _items(f.item, "managed_apps", errors):
        apath = f"{path}.{j}"
        key = app.get("key")
        if not isinstance(key, str) or not key:
            errors.add((apath, "key"), "Enter a managed application key.")
            continue
        _require(
            table, f"managed-apps:{key}", (apath, "key"), "Managed application", errors
        )
        s.managed_apps.append(
            ManagedApp(
                key=key,
                instances=_Fields(app, apath, errors).whole("instances", 1),
                software_key=_software_key(
                    app.get("software"), (apath, "software"), table, errors
                ),
            )
        )
    return s


def _relational_db(f: _Fields, table: PriceTable | None) -> RelationalDb:
    d = RelationalDb()
    d.type = f.choice("type", ("single", "replicated"))
    d.cpu = f.number("cpu", 1)
    d.memory = f.number("memory", 1)
    d.storage = f.number("storage", 1)
    d.quantity = f.whole("quantity", 1)
    d.usage, d.usage_period = f.usage()
    for part in ("cpu", "memory", "storage"):
        _require(
            table, f"rdbs:{d.type}:{part}", (f.path, "type"), "Relational DB", f.errors
        )
    return d


def _simple_backup(f: _Fields, table: PriceTable | None) -> SimpleBackup:
    b = SimpleBackup()
    b.storage = f.number("storage", 0)
    b.retention_days = int(f.whole("retention_days", 1, minimum=1, maximum=31))
    b.daily_add_percent = f.number("daily_add_percent", 0, maximum=Decimal(100))
    b.daily_delete_percent = f.number("daily_delete_percent", 0, maximum=Decimal(100))
    b.restore = f.number("restore", 0)
    for key in ("server:storage:sbs-backups", "server:storage:sbs-restore"):
        _require(table, key, f.path, "Simple Backup", f.errors)
    return b


def _bare_metal(f: _Fields, table: PriceTable | None) -> BareMetal:
    m = BareMetal()
    m.config = int(f.whole("config", 1, minimum=1, maximum=3))
    m.os = int(f.whole("os", 1, minimum=1, maximum=5))
    m.quantity = f.whole("quantity", 1)
    m.usage, m.usage_period = f.usage()
    _require(
        table,
        f"baremetal:config:{m.config}",
        (f.path, "config"),
        "Bare Metal",
        f.errors,
    )
    _require(table, f"baremetal:os:{m.os}", (f.path, "os"), "Bare Metal OS", f.errors)
    return m


def _hourly(f: _Fields, table: PriceTable | None, cls, key: str, what: str):
    x = cls()
    x.quantity = f.whole("quantity", 1)
    x.usage, x.usage_period = f.usage()
    if cls is AppFog:
        x.memory = f.number("memory", 1024)
    _require(table, key, f.path, what, f.errors)
    return x


def _services(data: dict, table: PriceTable | None, errors: Errors) -> dict:
    services = data.get("services")
    if services is None:
        return {}
    if not isinstance(services, dict):
        errors.add("services", "Expected an object.")
        return {}
    out = {}
    for name, raw in services.items():
        path = f"services.{name}"
        if name not in SERVICE_PRODUCTS:
            errors.add(
                path, f"Unknown service. Choose from: {', '.join(SERVICE_PRODUCTS)}."
            )
            continue
        qty = _number(raw, path, errors, default=Decimal(0))
        if qty:
            _require(table, SERVICE_PRODUCTS[name][0], path, "Service", errors)
            out[name] = qty
    return out


def parse_request(
    data: Any, tables: dict[str, PriceTable] | Any
) -> tuple[EstimateRequest, Errors]:
    """Validate `data`; `tables.get(alias)` gives a data center's PriceTable."""
    errors = Errors()
    req = EstimateRequest()
    if not isinstance(data, dict):
        errors.add("non_field_errors", "Expected a JSON object.")
        return req, errors
    dc = data.get("data_center", "VA1")
    table = tables.get(dc) if isinstance(dc, str) else None
    if table is None:
        errors.add("data_center", f"Unknown data center {dc!r}.")
    else:
        req.data_center = dc
    currency = data.get("currency", "USD")
    if table is not None and (
        not isinstance(currency, str) or currency not in table.currencies
    ):
        errors.add("currency", f"Unknown currency {currency!r}.")
    else:
        req.currency = currency if isinstance(currency, str) else "USD"
    req.support = _choice(
        data.get("support"), "support", errors, SUPPORT_PLANS, "developer"
    )
    req.servers = [_server(f, table) for f in _lines(data, "servers", errors)]
    req.relational_dbs = [
        _relational_db(f, table) for f in _lines(data, "relational_dbs", errors)
    ]
    req.simple_backups = [
        _simple_backup(f, table) for f in _lines(data, "simple_backups", errors)
    ]
    req.bare_metal = [_bare_metal(f, table) for f in _lines(data, "bare_metal", errors)]
    req.intrusion_prevention = [
        _hourly(f, table, HourlyItem, "ips", "Intrusion Prevention")
        for f in _lines(data, "intrusion_prevention", errors)
    ]
    req.appfog = [
        _hourly(f, table, AppFog, "appfog", "AppFog")
        for f in _lines(data, "appfog", errors)
    ]
    req.services = _services(data, table, errors)
    return req, errors
