"""Pricing arithmetic of docs/estimator.md, on plain data: Decimal in, Decimal out."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HOURS_IN_MONTH = Decimal(720)
HOURS = {
    "percentage_of_month": Decimal("7.2"),  # usage / 100 * 720
    "hours_per_month": Decimal(1),
    "hours_per_week": Decimal("4.345238095"),
    "hours_per_day": Decimal("30.41666667"),
}
BACKUP_DAYS = Decimal("30.41666667")
CENT = Decimal("0.01")

SERVICE_PRODUCTS = {
    "vpn": ("networking-services:vpn", "monthly"),
    "firewall": ("networking-services:firewall", "monthly"),
    "external-ip-address": ("networking-services:external-ip-address", "monthly"),
    "shared-load-balancer": ("networking-services:shared-load-balancer", "hourly"),
    "dedicated-load-balancer-200": (
        "networking-services:dedicated-load-balancer-200",
        "monthly",
    ),
    "dedicated-load-balancer-1000": (
        "networking-services:dedicated-load-balancer-1000",
        "monthly",
    ),
    "object-storage": ("networking:object-storage:enabled", "monthly"),
    "bandwidth": ("networking:bandwidth", "monthly"),
}


def money(value: Decimal) -> str:
    """Display form: 2 decimals, half-up."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


OS_NAMES = {"linux": "Linux", "redhat": "Red Hat", "windows": "Windows"}


@dataclass(frozen=True, slots=True)
class ProductPrice:
    name: str
    hourly: Decimal | None = None
    monthly: Decimal | None = None
    usage: Decimal | None = None
    setup_fee: Decimal | None = None
    sockets: int | None = None


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


@dataclass(slots=True)
class Line:
    kind: str
    index: int | str
    monthly: Decimal
    setup_fee: Decimal = ZERO
    os_licence: Decimal = ZERO
    managed: Decimal = ZERO
    label: str = ""


@dataclass(slots=True)
class Estimate:
    data_center: str
    currency: str
    symbol: str
    rate: Decimal
    lines: list[Line]
    usage_total: Decimal
    setup_fees: Decimal
    support_base: Decimal
    support: Decimal
    monthly_total: Decimal

    def as_json(self) -> dict:
        rate = self.rate
        return {
            "data_center": self.data_center,
            "currency": self.currency,
            "symbol": self.symbol,
            "lines": [
                {
                    "kind": line.kind,
                    "index": line.index,
                    "label": line.label,
                    "monthly": money(line.monthly * rate),
                    "setup_fee": money(line.setup_fee * rate),
                }
                for line in self.lines
            ],
            "setup_fees": money(self.setup_fees * rate),
            "usage_total": money(self.usage_total * rate),
            "support": money(self.support * rate),
            "monthly_total": money(self.monthly_total * rate),
        }


def hours(usage: Decimal, period: str) -> Decimal:
    return usage * HOURS[period]


def support_charge(
    base: Decimal, tiers: tuple[tuple[Decimal, Decimal], ...]
) -> Decimal:
    """Marginal bands; a base above the last band pays nothing more on the excess."""
    charge, lower = ZERO, ZERO
    for up_to, percentage in tiers:
        if base <= lower:
            break
        charge += (min(base, up_to) - lower) * percentage
        lower = up_to
    return charge


def backup_average_storage(
    storage: Decimal, retention_days: int, add_percent: Decimal, delete_percent: Decimal
) -> Decimal:
    """The daily retention simulation: mean stored GB over the month.

    Runs in binary floating point (full precision, as estimator.md allows): 30 steps of
    28-digit Decimal arithmetic made this the slowest part of an estimate.
    """
    retained: deque[float] = deque()
    level = float(storage)
    add, delete = float(add_percent) / 100, float(delete_percent) / 100
    total = 0.0
    days = 0
    while days + 1 <= BACKUP_DAYS:
        days += 1
        retained.append(level * delete)
        dropped = retained.popleft() if len(retained) > retention_days else 0.0
        level = max(level + level * add - dropped, 0.0)
        total += level
    return Decimal(repr(total / days))


def server_line(index: int, server, table: PriceTable) -> Line:
    hyperscale = server.type == "hyperscale"
    suffix = ":hyperscale" if hyperscale else ""
    h = hours(server.usage, server.usage_period)
    os_hourly = table.hourly(f"server:os:{server.os}") if server.os != "linux" else ZERO
    managed_os = (
        table.hourly(f"server:os:{server.os}-managed") if server.managed else ZERO
    )
    hourly = (
        server.cpu * table.hourly(f"server:cpu{suffix}")
        + server.memory * table.hourly(f"server:memory{suffix}")
        + server.cpu * os_hourly
        + managed_os
    )
    storage_key = (
        "server:storage:hyperscale" if hyperscale else "server:storage:standard"
    )
    qty = server.quantity
    monthly = hourly * qty * h + server.storage * table.per_gb_month(storage_key) * qty
    apps = ZERO
    for app in server.managed_apps:
        app_hourly = table.hourly(f"managed-apps:{app.key}")
        software = table.hourly(app.software_key) if app.software_key else ZERO
        apps += (app_hourly * h + software * server.cpu * h) * qty * app.instances
    return Line(
        kind="server",
        index=index,
        monthly=monthly + apps,
        os_licence=server.cpu * os_hourly * h * qty,
        managed=managed_os * h * qty + apps,
        label=(
            f"{server.type.capitalize()} {OS_NAMES.get(server.os, server.os)} server,"
            f" {server.cpu} vCPU / {server.memory} GB RAM"
            + (f" × {server.quantity}" if server.quantity != 1 else "")
        ),
    )


def relational_db_line(index: int, db, table: PriceTable) -> Line:
    p = f"rdbs:{db.type}"
    h = hours(db.usage, db.usage_period)
    hourly = db.cpu * table.hourly(f"{p}:cpu") + db.memory * table.hourly(f"{p}:memory")
    storage = db.storage * table.hourly(f"{p}:storage") * HOURS_IN_MONTH * db.quantity
    return Line(
        kind="relational_db",
        index=index,
        monthly=hourly * db.quantity * h + storage,
        label=f"Relational DB ({db.type}), {db.cpu} vCPU / {db.memory} GB RAM",
    )


def simple_backup_line(index: int, backup, table: PriceTable) -> Line:
    mean = backup_average_storage(
        backup.storage,
        backup.retention_days,
        backup.daily_add_percent,
        backup.daily_delete_percent,
    )
    restore_price = table.products["server:storage:sbs-restore"].usage or ZERO
    cost = mean * table.per_gb_month("server:storage:sbs-backups")
    return Line(
        kind="simple_backup",
        index=index,
        monthly=cost + backup.restore * restore_price,
        label="Simple Backup",
    )


def bare_metal_line(index: int, bm, table: PriceTable) -> Line:
    config = table.products[f"baremetal:config:{bm.config}"]
    h = hours(bm.usage, bm.usage_period)
    os_hourly = table.hourly(f"baremetal:os:{bm.os}")
    sockets = config.sockets or 1
    monthly = (
        config.hourly or ZERO
    ) * bm.quantity * h + os_hourly * bm.quantity * sockets * h
    return Line(kind="bare_metal", index=index, monthly=monthly, label=config.name)


def hourly_product_line(
    kind: str, key: str, index: int, item, table: PriceTable
) -> Line:
    scale = getattr(item, "memory", Decimal(1024)) / 1024
    monthly = (
        table.hourly(key) * item.quantity * scale * hours(item.usage, item.usage_period)
    )
    return Line(kind=kind, index=index, monthly=monthly, label=table.products[key].name)


def service_line(name: str, quantity: Decimal, table: PriceTable) -> Line:
    key, basis = SERVICE_PRODUCTS[name]
    price = table.products[key]
    if basis == "hourly":
        unit = (price.hourly or ZERO) * HOURS_IN_MONTH
    else:
        unit = price.monthly or ZERO
    setup = (price.setup_fee or ZERO) * quantity
    return Line(
        kind="service",
        index=name,
        monthly=unit * quantity,
        setup_fee=setup,
        label=price.name,
    )


def estimate(request, table: PriceTable) -> Estimate:
    """Price a validated EstimateRequest against a data center's PriceTable."""
    lines: list[Line] = []
    lines += [server_line(i, s, table) for i, s in enumerate(request.servers)]
    lines += [
        relational_db_line(i, d, table) for i, d in enumerate(request.relational_dbs)
    ]
    lines += [
        simple_backup_line(i, b, table) for i, b in enumerate(request.simple_backups)
    ]
    lines += [bare_metal_line(i, b, table) for i, b in enumerate(request.bare_metal)]
    lines += [
        hourly_product_line("intrusion_prevention", "ips", i, x, table)
        for i, x in enumerate(request.intrusion_prevention)
    ]
    lines += [
        hourly_product_line("appfog", "appfog", i, x, table)
        for i, x in enumerate(request.appfog)
    ]
    lines += [service_line(k, q, table) for k, q in request.services.items() if q]
    usage_total = sum((line.monthly for line in lines), ZERO)
    setup_fees = sum((line.setup_fee for line in lines), ZERO)
    base = usage_total - sum((line.os_licence + line.managed for line in lines), ZERO)
    support = ZERO
    if request.support != "developer":
        support = support_charge(max(base, ZERO), table.support_tiers)
    rate, symbol = table.currencies[request.currency]
    return Estimate(
        data_center=table.data_center,
        currency=request.currency,
        symbol=symbol,
        rate=rate,
        lines=lines,
        usage_total=usage_total,
        setup_fees=setup_fees,
        support_base=base,
        support=support,
        monthly_total=usage_total + support,
    )
