"""Turn untrusted JSON into a typed EstimateRequest, with a message per field."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from catalog.estimator.engine import HOURS, SERVICE_PRODUCTS, PriceTable

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


@dataclass
class ManagedApp:
    key: str
    instances: Decimal = Decimal(1)
    software_key: str = ""


@dataclass
class Server:
    type: str = "standard"
    os: str = "linux"
    cpu: Decimal = Decimal(1)
    memory: Decimal = Decimal(1)
    storage: Decimal = Decimal(0)
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"
    managed: bool = False
    managed_apps: list[ManagedApp] = field(default_factory=list)


@dataclass
class RelationalDb:
    type: str = "single"
    cpu: Decimal = Decimal(1)
    memory: Decimal = Decimal(1)
    storage: Decimal = Decimal(1)
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"


@dataclass
class SimpleBackup:
    storage: Decimal = Decimal(0)
    retention_days: int = 1
    daily_add_percent: Decimal = Decimal(0)
    daily_delete_percent: Decimal = Decimal(0)
    restore: Decimal = Decimal(0)


@dataclass
class BareMetal:
    config: int = 1
    os: int = 1
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"


@dataclass
class HourlyItem:
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"


@dataclass
class AppFog(HourlyItem):
    memory: Decimal = Decimal(1024)


@dataclass
class EstimateRequest:
    data_center: str = "VA1"
    currency: str = "USD"
    support: str = "developer"
    servers: list[Server] = field(default_factory=list)
    relational_dbs: list[RelationalDb] = field(default_factory=list)
    simple_backups: list[SimpleBackup] = field(default_factory=list)
    bare_metal: list[BareMetal] = field(default_factory=list)
    intrusion_prevention: list[HourlyItem] = field(default_factory=list)
    appfog: list[AppFog] = field(default_factory=list)
    services: dict[str, Decimal] = field(default_factory=dict)


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

    for path, item in _items(data, "servers", errors):
        s = Server()
        s.type = _choice(
            item.get("type"),
            (path, "type"),
            errors,
            ("standard", "hyperscale"),
            "standard",
        )
        s.os = _choice(
            item.get("os"),
            (path, "os"),
            errors,
            ("linux", "redhat", "windows"),
            "linux",
        )
        s.cpu = _number(item.get("cpu"), (path, "cpu"), errors, default=Decimal(1))
        s.memory = _number(
            item.get("memory"), (path, "memory"), errors, default=Decimal(1)
        )
        s.storage = _number(
            item.get("storage"), (path, "storage"), errors, default=Decimal(0)
        )
        s.quantity = _number(
            item.get("quantity"),
            (path, "quantity"),
            errors,
            default=Decimal(1),
            integer=True,
        )
        s.usage, s.usage_period = _usage(item, path, errors)
        managed = item.get("managed", False)
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
            _require(
                table, f"server:os:{s.os}", (path, "os"), "Operating system", errors
            )
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
        for j, app in (
            _items(item, "managed_apps", errors) if isinstance(item, dict) else []
        ):
            apath = f"{path}.{j}"
            key = app.get("key")
            if not isinstance(key, str) or not key:
                errors.add((apath, "key"), "Enter a managed application key.")
                continue
            _require(
                table,
                f"managed-apps:{key}",
                (apath, "key"),
                "Managed application",
                errors,
            )
            s.managed_apps.append(
                ManagedApp(
                    key=key,
                    instances=_number(
                        app.get("instances"),
                        (apath, "instances"),
                        errors,
                        default=Decimal(1),
                        integer=True,
                    ),
                    software_key=_software_key(
                        app.get("software"), (apath, "software"), table, errors
                    ),
                )
            )
        req.servers.append(s)

    for path, item in _items(data, "relational_dbs", errors):
        d = RelationalDb()
        d.type = _choice(
            item.get("type"), (path, "type"), errors, ("single", "replicated"), "single"
        )
        d.cpu = _number(item.get("cpu"), (path, "cpu"), errors, default=Decimal(1))
        d.memory = _number(
            item.get("memory"), (path, "memory"), errors, default=Decimal(1)
        )
        d.storage = _number(
            item.get("storage"), (path, "storage"), errors, default=Decimal(1)
        )
        d.quantity = _number(
            item.get("quantity"),
            (path, "quantity"),
            errors,
            default=Decimal(1),
            integer=True,
        )
        d.usage, d.usage_period = _usage(item, path, errors)
        for part in ("cpu", "memory", "storage"):
            _require(
                table, f"rdbs:{d.type}:{part}", (path, "type"), "Relational DB", errors
            )
        req.relational_dbs.append(d)

    for path, item in _items(data, "simple_backups", errors):
        b = SimpleBackup()
        b.storage = _number(
            item.get("storage"), (path, "storage"), errors, default=Decimal(0)
        )
        b.retention_days = int(
            _number(
                item.get("retention_days"),
                (path, "retention_days"),
                errors,
                default=Decimal(1),
                integer=True,
                minimum=Decimal(1),
                maximum=Decimal(31),
            )
        )
        b.daily_add_percent = _number(
            item.get("daily_add_percent"),
            (path, "daily_add_percent"),
            errors,
            default=Decimal(0),
            maximum=Decimal(100),
        )
        b.daily_delete_percent = _number(
            item.get("daily_delete_percent"),
            (path, "daily_delete_percent"),
            errors,
            default=Decimal(0),
            maximum=Decimal(100),
        )
        b.restore = _number(
            item.get("restore"), (path, "restore"), errors, default=Decimal(0)
        )
        for key in ("server:storage:sbs-backups", "server:storage:sbs-restore"):
            _require(table, key, path, "Simple Backup", errors)
        req.simple_backups.append(b)

    for path, item in _items(data, "bare_metal", errors):
        m = BareMetal()
        m.config = int(
            _number(
                item.get("config"),
                (path, "config"),
                errors,
                default=Decimal(1),
                integer=True,
                minimum=Decimal(1),
                maximum=Decimal(3),
            )
        )
        m.os = int(
            _number(
                item.get("os"),
                (path, "os"),
                errors,
                default=Decimal(1),
                integer=True,
                minimum=Decimal(1),
                maximum=Decimal(5),
            )
        )
        m.quantity = _number(
            item.get("quantity"),
            (path, "quantity"),
            errors,
            default=Decimal(1),
            integer=True,
        )
        m.usage, m.usage_period = _usage(item, path, errors)
        _require(
            table,
            f"baremetal:config:{m.config}",
            (path, "config"),
            "Bare Metal",
            errors,
        )
        _require(table, f"baremetal:os:{m.os}", (path, "os"), "Bare Metal OS", errors)
        req.bare_metal.append(m)

    for name, cls, key, what in (
        ("intrusion_prevention", HourlyItem, "ips", "Intrusion Prevention"),
        ("appfog", AppFog, "appfog", "AppFog"),
    ):
        for path, item in _items(data, name, errors):
            x = cls()
            x.quantity = _number(
                item.get("quantity"),
                (path, "quantity"),
                errors,
                default=Decimal(1),
                integer=True,
            )
            x.usage, x.usage_period = _usage(item, path, errors)
            if cls is AppFog:
                x.memory = _number(
                    item.get("memory"), (path, "memory"), errors, default=Decimal(1024)
                )
            _require(table, key, path, what, errors)
            getattr(req, name).append(x)

    services = data.get("services")
    if services is not None:
        if not isinstance(services, dict):
            errors.add("services", "Expected an object.")
        else:
            for name, raw in services.items():
                path = f"services.{name}"
                if name not in SERVICE_PRODUCTS:
                    errors.add(
                        path,
                        f"Unknown service. Choose from: {', '.join(SERVICE_PRODUCTS)}.",
                    )
                    continue
                qty = _number(raw, path, errors, default=Decimal(0))
                if qty:
                    _require(table, SERVICE_PRODUCTS[name][0], path, "Service", errors)
                    req.services[name] = qty
    return req, errors
