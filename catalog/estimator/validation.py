"""Turn untrusted JSON into a typed EstimateRequest, with a message per field.

Field paths (`servers[0].cpu`) are for programs; messages are for people and never
name internal product keys. What a data center does not offer is refused, or with
`skip_unavailable` left out and listed, so a page can keep the lines that apply.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from catalog.estimator.engine import PriceTable, Unavailable
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
from catalog.estimator.vocabulary import (
    BARE_METAL_CONFIGS,
    BARE_METAL_OS,
    DEFAULT_MS_SQL_LICENCE,
    LINE_KINDS,
    MANAGEABLE_OS,
    MANAGED_APPS,
    MAX_GB,
    MAX_INSTANCES,
    MAX_LINES,
    MAX_QUANTITY,
    MAX_SERVICE_COUNT,
    MS_SQL_LICENCE_PREFIX,
    MYSQL_REPLICATION,
    OS_NAMES,
    SERVICES,
    SUPPORT_PLANS,
    USAGE_MAX,
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
APP_FIELDS = {"key", "instances", "software", "storage"}


class Tables(Protocol):
    def get(self, alias: str) -> PriceTable | None: ...


class Errors(dict):
    """Field path -> messages."""

    def add(self, path: str, message: str) -> None:
        messages = self.setdefault(path, [])
        if message not in messages:
            messages.append(message)


def _names(names: list[str], limit: int = 5) -> str:
    shown = [repr(n[:30]) if isinstance(n, str) else repr(n) for n in names[:limit]]
    more = len(names) - limit
    return ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")


def _unknown_keys(obj: dict, allowed: set[str], path: str, errors: Errors) -> None:
    unknown = [k for k in obj if k not in allowed]
    if unknown:
        errors.add(
            path or "non_field_errors",
            f"Unknown field{'s' if len(unknown) > 1 else ''}: {_names(unknown)}.",
        )


def _bound(value: Decimal) -> str:
    return f"{value:,}"


def _number(
    raw: Any,
    path: str,
    errors: Errors,
    *,
    default: Decimal,
    minimum: Decimal,
    maximum: Decimal,
    whole: bool = True,
) -> Decimal:
    """A number within [minimum, maximum]; whole numbers come back without decimals."""
    kind = "a whole number" if whole else "a number"
    expected = f"Enter {kind} from {_bound(minimum)} to {_bound(maximum)}."
    if raw is None:
        return default
    if type(raw) is int:
        value = Decimal(raw) if abs(raw) < 10**30 else None
    elif isinstance(raw, float) and not isinstance(raw, bool):
        value = Decimal(repr(raw)) if math.isfinite(raw) else None
    elif isinstance(raw, str) and len(raw) <= 40:
        try:
            value = Decimal(raw.strip().replace(",", ""))
        except InvalidOperation:
            value = None
    else:
        value = None
    if value is None or not value.is_finite():
        errors.add(path, expected)
        return default
    if whole:
        if value != value.to_integral_value():
            errors.add(path, expected)
            return default
        value = Decimal(int(value))
    if not minimum <= value <= maximum:
        errors.add(path, expected)
        return default
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _choice(
    raw: Any, path: str, errors: Errors, choices: dict[str, str], default: str
) -> str:
    if raw is None:
        return default
    if not isinstance(raw, str) or raw not in choices:
        errors.add(path, f"Choose one of: {', '.join(choices.values())}.")
        return default
    return raw


def _flag(raw: Any, path: str, errors: Errors) -> bool:
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    errors.add(path, "Expected true or false.")
    return False


PERIOD_CHOICES = {
    "percentage_of_month": "percentage of the month",
    "hours_per_month": "hours a month",
    "hours_per_week": "hours a week",
    "hours_per_day": "hours a day",
}


class Checker:
    """One request's validation state: the data center's table, errors and what the
    data center cannot offer (refused, or listed and left out)."""

    def __init__(self, table: PriceTable | None, tables: Any, skip: bool) -> None:
        self.table = table
        self.tables = tables
        self.skip = skip
        self.errors = Errors()
        self.unavailable: list[Unavailable] = []

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
        return self.table is not None and not all(map(self.table.offers, keys))

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

    def number(self, item: dict, path: str, name: str, default, low, high, whole=True):
        return _number(
            item.get(name),
            f"{path}.{name}",
            self.errors,
            default=Decimal(default),
            minimum=Decimal(low),
            maximum=Decimal(high),
            whole=whole,
        )

    def usage(self, item: dict, path: str) -> tuple[Decimal, str]:
        period = _choice(
            item.get("usage_period"),
            f"{path}.usage_period",
            self.errors,
            PERIOD_CHOICES,
            "percentage_of_month",
        )
        usage = self.number(item, path, "usage", 100, 0, USAGE_MAX[period], whole=False)
        return usage, period

    def quantity(self, item: dict, path: str) -> Decimal:
        return self.number(item, path, "quantity", 1, 1, MAX_QUANTITY)


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
        _unknown_keys(item, FIELDS[name], path, c.errors)
        out.append((i, path, item))
    return out


def _software(raw: Any, app: str, path: str, c: Checker) -> str:
    """The licence's product key: MS SQL defaults to Standard Edition."""
    if raw in (None, ""):
        return DEFAULT_MS_SQL_LICENCE if app == "ms-sql" else ""
    if not isinstance(raw, str) or len(raw) > 200:
        c.errors.add(path, "Enter the name of a software licence.")
        return ""
    key = raw if raw.startswith("software:") else f"software:{raw}"
    if c.table is not None and raw in c.table.software:
        key = c.table.software[raw]
    if app == "ms-sql" and not key.startswith(MS_SQL_LICENCE_PREFIX):
        c.errors.add(path, "Choose a Microsoft SQL Server edition.")
        return ""
    return key


def _app(
    c: Checker,
    server: Server,
    item: dict,
    path: str,
    line_name: str,
    j: int,
) -> ManagedApp | None:
    section = "hyperscale" if server.type == "hyperscale" else "servers"
    key = item.get("key")
    os_name = OS_NAMES[server.os]
    if not isinstance(key, str) or key not in MANAGED_APPS:
        choices = [a.key for a in MANAGED_APPS.values() if server.os in a.os]
        c.errors.add(
            f"{path}.key",
            f"Choose a managed application: {', '.join(choices)}."
            if choices
            else "Linux servers have no managed applications.",
        )
        return None
    spec = MANAGED_APPS[key]
    if server.os not in spec.os:
        c.errors.add(
            f"{path}.key",
            f"{spec.label} runs on"
            f" {' or '.join(OS_NAMES[o] for o in spec.os)} servers,"
            f" not {os_name}.",
        )
        return None
    if not server.managed:
        c.errors.add(
            f"{path}.key",
            f"{spec.label} needs a managed operating system: choose Managed,"
            " or remove the application.",
        )
        return None
    app = ManagedApp(key=key, index=j)
    if spec.instances:
        app.instances = int(c.number(item, path, "instances", 1, 1, MAX_INSTANCES))
    elif item.get("instances") not in (None, 1, "1"):
        c.errors.add(
            f"{path}.instances",
            "Only MySQL and Microsoft SQL Server run several instances per server.",
        )
    if spec.per_gb:
        app.storage = c.number(
            item, path, "storage", server.storage, 0, MAX_GB, whole=False
        )
    app.software_key = _software(item.get("software"), key, f"{path}.software", c)
    product = f"managed-apps:{key}"
    keys = (product, app.software_key) if app.software_key else (product,)
    if c.missing(*keys):
        what = f"{spec.label} is" if c.missing(product) else "This software licence is"
        c.not_offered(
            path, section, line_name, what, keys, f" {line_name} is priced without it."
        )
        return None
    if c.table is not None and product in c.table.products:
        price = c.table.products[product]
        if (price.monthly if spec.per_gb else price.hourly) is None:
            c.errors.add(path, f"{spec.label} has no published price.")
            return None
    return app


def _server(c: Checker, i: int, path: str, item: dict, number: int) -> Server | None:
    s = Server(index=i, number=number)
    s.type = _choice(
        item.get("type"),
        f"{path}.type",
        c.errors,
        {"standard": "standard", "hyperscale": "hyperscale"},
        "standard",
    )
    s.os = _choice(item.get("os"), f"{path}.os", c.errors, OS_NAMES, "linux")
    hyperscale = s.type == "hyperscale"
    s.cpu = c.number(item, path, "cpu", 1, 1, 16)
    s.memory = c.number(item, path, "memory", 1, 1, 128)
    s.storage = c.number(item, path, "storage", 1, 1, 1024 if hyperscale else 4000)
    s.quantity = c.quantity(item, path)
    s.usage, s.usage_period = c.usage(item, path)
    s.managed = _flag(item.get("managed"), f"{path}.managed", c.errors)
    section = "hyperscale" if hyperscale else "servers"
    name = f"{'Hyperscale server' if hyperscale else 'Server'} {number}"
    suffix = ":hyperscale" if hyperscale else ""
    base = (
        f"server:cpu{suffix}",
        f"server:memory{suffix}",
        f"server:storage:{'hyperscale' if hyperscale else 'standard'}",
    )
    if c.missing(*base):
        what = "Hyperscale servers are" if hyperscale else "Servers are"
        c.not_offered(path, section, name, what, base)
        return None
    if s.os != "linux" and c.missing(f"server:os:{s.os}"):
        c.not_offered(
            f"{path}.os",
            section,
            name,
            f"{OS_NAMES[s.os]} servers are",
            (f"server:os:{s.os}",),
        )
        return None
    if s.managed and s.os not in MANAGEABLE_OS:
        c.errors.add(
            f"{path}.managed",
            "Only Red Hat Enterprise Linux and Windows servers can be managed.",
        )
    elif s.managed and c.missing(f"server:os:{s.os}-managed"):
        c.not_offered(
            f"{path}.managed",
            section,
            name,
            "Managed operating systems are",
            (f"server:os:{s.os}-managed",),
            f" {name} is priced without management or managed applications.",
        )
        if c.skip:
            s.managed = False
            return s
    raw_apps = item.get("managed_apps")
    if raw_apps is None:
        return s
    if not isinstance(raw_apps, list):
        c.errors.add(f"{path}.managed_apps", "Expected a list of applications.")
        return s
    if len(raw_apps) > len(MANAGED_APPS):
        c.errors.add(
            f"{path}.managed_apps",
            f"A server can have at most {len(MANAGED_APPS)} managed applications.",
        )
        return s
    seen: set[str] = set()
    for j, app_item in enumerate(raw_apps):
        apath = f"{path}.managed_apps[{j}]"
        if not isinstance(app_item, dict):
            c.errors.add(apath, "Expected an object.")
            continue
        _unknown_keys(app_item, APP_FIELDS, apath, c.errors)
        key = app_item.get("key")
        if isinstance(key, str) and key in seen:
            c.errors.add(
                f"{apath}.key",
                "This application is already on this server: change its instances"
                " instead.",
            )
            continue
        app = _app(c, s, app_item, apath, name, j)
        if app is not None:
            seen.add(app.key)
            s.managed_apps.append(app)
    _check_replication(c, s, path)
    return s


def _check_replication(c: Checker, s: Server, path: str) -> None:
    mysql = next((a for a in s.managed_apps if a.key == "mysql"), None)
    for app in s.managed_apps:
        if app.key in MYSQL_REPLICATION and (mysql is None or mysql.instances < 2):
            c.errors.add(
                f"{path}.managed_apps[{app.index}].key",
                "MySQL replication needs Managed MySQL with at least 2 instances on"
                " the same server.",
            )


def _relational_db(c: Checker, i: int, path: str, item: dict, number: int):
    d = RelationalDb(index=i, number=number)
    d.type = _choice(
        item.get("type"),
        f"{path}.type",
        c.errors,
        {"single": "single", "replicated": "replicated"},
        "single",
    )
    d.cpu = c.number(item, path, "cpu", 1, 1, 16)
    d.memory = c.number(item, path, "memory", 1, 1, 128)
    d.storage = c.number(item, path, "storage", 1, 1, 4000)
    d.quantity = c.quantity(item, path)
    d.usage, d.usage_period = c.usage(item, path)
    keys = tuple(f"rdbs:{d.type}:{part}" for part in ("cpu", "memory", "storage"))
    if c.missing(*keys):
        c.not_offered(
            path,
            "relational_db",
            f"Relational DB {number}",
            "Relational DB is",
            keys,
        )
        return None
    return d


def _simple_backup(c: Checker, i: int, path: str, item: dict, number: int):
    b = SimpleBackup(index=i, number=number)
    b.storage = c.number(item, path, "storage", 1, 1, 4000, whole=False)
    b.retention_days = int(c.number(item, path, "retention_days", 3, 1, 31))
    b.daily_add_percent = c.number(
        item, path, "daily_add_percent", 1, 0, 300, whole=False
    )
    b.daily_delete_percent = c.number(
        item, path, "daily_delete_percent", 1, 0, 300, whole=False
    )
    b.restore = c.number(item, path, "restore", 0, 0, 4000, whole=False)
    keys = ("server:storage:sbs-backups", "server:storage:sbs-restore")
    if c.missing(*keys):
        c.not_offered(
            path, "simple_backup", f"Simple Backup {number}", "Simple Backup is", keys
        )
        return None
    return b


def _bare_metal(c: Checker, i: int, path: str, item: dict, number: int):
    m = BareMetal(index=i, number=number)
    first, last = BARE_METAL_CONFIGS[0], BARE_METAL_CONFIGS[-1]
    m.config = int(c.number(item, path, "config", 1, first, last))
    m.os = int(c.number(item, path, "os", 1, BARE_METAL_OS[0], BARE_METAL_OS[-1]))
    m.quantity = c.quantity(item, path)
    m.usage, m.usage_period = c.usage(item, path)
    name = f"Bare Metal server {number}"
    config, os = f"baremetal:config:{m.config}", f"baremetal:os:{m.os}"
    if c.missing(config, os):
        if c.table is not None and any(
            k.startswith("baremetal:config:") for k in c.table.products
        ):
            field = "config" if c.missing(config) else "os"
            what = (
                "This Bare Metal configuration is"
                if field == "config"
                else "This Bare Metal operating system is"
            )
            c.not_offered(f"{path}.{field}", "bare_metal", name, what, (config, os))
        else:
            c.not_offered(
                path, "bare_metal", name, "Bare Metal servers are", (config, os)
            )
        return None
    return m


def _hourly(c: Checker, i: int, path: str, item: dict, number: int, kind: str):
    x = AppFog(index=i, number=number) if kind == "appfog" else HourlyItem(i, number)
    x.quantity = c.quantity(item, path)
    x.usage, x.usage_period = c.usage(item, path)
    if kind == "appfog":
        x.memory = c.number(item, path, "memory", 1024, 1, 10240)
    key, section, name, what = (
        ("appfog", "appfog", f"AppFog deployment {number}", "AppFog is")
        if kind == "appfog"
        else (
            "ips",
            "intrusion_prevention",
            f"Intrusion Prevention {number}",
            "Intrusion Prevention is",
        )
    )
    if c.missing(key):
        c.not_offered(path, section, name, what, (key,))
        return None
    return x


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
            f"Unknown service{'s' if len(unknown) > 1 else ''}: {_names(unknown)}."
            f" Choose from: {', '.join(SERVICES)}.",
        )
        return {}
    out = {}
    for key, spec in SERVICES.items():
        if key not in services:
            continue
        maximum = MAX_SERVICE_COUNT if spec.whole else MAX_GB
        qty = _number(
            services[key],
            f"services.{key}",
            c.errors,
            default=Decimal(0),
            minimum=Decimal(0),
            maximum=Decimal(maximum),
            whole=spec.whole,
        )
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


def parse_request(data: Any, tables: Tables) -> tuple[EstimateRequest, Errors]:
    """Validate `data`; `tables.get(alias)` gives a data center's PriceTable."""
    req = EstimateRequest()
    if not isinstance(data, dict):
        errors = Errors()
        errors.add("non_field_errors", "Expected a JSON object.")
        return req, errors
    skip_errors = Errors()
    req.skip_unavailable = _flag(
        data.get("skip_unavailable"), "skip_unavailable", skip_errors
    )
    dc = data.get("data_center", "VA1")
    table = tables.get(dc) if isinstance(dc, str) and len(dc) <= 10 else None
    c = Checker(table, tables, req.skip_unavailable)
    c.errors.update(skip_errors)
    _unknown_keys(data, TOP_LEVEL, "", c.errors)
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
    req.support = _choice(
        data.get("support"), "support", c.errors, SUPPORT_PLANS, "developer"
    )
    if _count_lines(data, c):
        counts = {"standard": 0, "hyperscale": 0}
        for i, path, item in _lines(data, "servers", c):
            kind = item.get("type") if item.get("type") == "hyperscale" else "standard"
            counts[kind] += 1
            server = _server(c, i, path, item, counts[kind])
            if server is not None:
                req.servers.append(server)
        parsers = (
            ("relational_dbs", _relational_db, req.relational_dbs),
            ("simple_backups", _simple_backup, req.simple_backups),
            ("bare_metal", _bare_metal, req.bare_metal),
        )
        for name, parse, target in parsers:
            for n, (i, path, item) in enumerate(_lines(data, name, c), 1):
                line = parse(c, i, path, item, n)
                if line is not None:
                    target.append(line)
        for kind, target in (
            ("intrusion_prevention", req.intrusion_prevention),
            ("appfog", req.appfog),
        ):
            for n, (i, path, item) in enumerate(_lines(data, kind, c), 1):
                line = _hourly(c, i, path, item, n, kind)
                if line is not None:
                    target.append(line)
    req.services = _services(data, c)
    req.unavailable = c.unavailable
    return req, c.errors
