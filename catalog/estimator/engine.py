"""Pricing arithmetic of docs/estimator.md on plain data: Decimal in, Decimal out.

Every line is a list of priced items (quantity x unit price [x hours]); a line's
monthly amount is the exact sum of its items, so the breakdown always adds up.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

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
    HOURS_IN_MONTH,
    HOURS_PER_USAGE,
    MANAGED_APPS,
    OS_NAMES,
    SECTIONS,
    SERVICES,
    SUPPORT_PLANS,
)

ZERO = Decimal(0)
BACKUP_DAYS = 30.41666667


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


@dataclass(slots=True)
class Item:
    """One priced part of a line: quantity x unit_price (x hours when hourly)."""

    label: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    hours: Decimal | None
    monthly: Decimal


def hourly_item(
    label: str, quantity: Decimal, unit: str, price: Decimal, hours: Decimal
) -> Item:
    return Item(label, quantity, unit, price, hours, quantity * price * hours)


def monthly_item(label: str, quantity: Decimal, unit: str, price: Decimal) -> Item:
    return Item(label, quantity, unit, price, None, quantity * price)


@dataclass(slots=True)
class PricedLine:
    kind: str
    index: int | str
    section: str
    name: str
    description: str
    items: list[Item]
    quantity: Decimal = Decimal(1)
    setup_fee: Decimal = ZERO
    os_licence: Decimal = ZERO
    managed: Decimal = ZERO  # the managed part that support excludes
    app: str = ""
    app_index: int | None = None
    monthly: Decimal = ZERO

    def __post_init__(self) -> None:
        self.monthly = sum((item.monthly for item in self.items), ZERO)

    @property
    def label(self) -> str:
        return f"{self.name}: {self.description}" if self.description else self.name


@dataclass(slots=True)
class Unavailable:
    """A line or option the data center does not offer, left out of the estimate."""

    path: str
    section: str
    line: str
    reason: str


@dataclass(slots=True)
class Estimate:
    data_center: str
    data_center_name: str
    currency: str
    symbol: str
    rate: Decimal
    support_plan: str
    lines: list[PricedLine]
    subtotals: dict[str, Decimal]
    usage_total: Decimal
    setup_fees: Decimal
    support_base: Decimal
    plan_charges: dict[str, Decimal]
    unavailable: list[Unavailable] = field(default_factory=list)

    @property
    def support(self) -> Decimal:
        return self.plan_charges[self.support_plan]

    @property
    def monthly_total(self) -> Decimal:
        return self.usage_total + self.support


def hours(usage: Decimal, period: str) -> Decimal:
    return usage * HOURS_PER_USAGE[period]


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

    Binary floating point in the historical estimator's order of operations (as
    estimator.md allows): 30 steps of 28-digit Decimal arithmetic were the slowest
    part of an estimate, and this reproduces the historical figures bit for bit.
    """
    retained: deque[float] = deque()
    level = float(storage) * 1.0
    add, delete = float(add_percent) * 0.01, float(delete_percent) * 0.01
    recorded: list[float] = []
    day = 1
    while day <= BACKUP_DAYS:
        added = level * add
        retained.append(level * delete)
        dropped = retained.popleft() if len(retained) > retention_days else 0
        level += added - dropped
        if level < 0:
            level = 0.0
        recorded.append(level)
        day += 1
    total = 0.0
    for value in recorded:
        total += value
    return Decimal(repr(total / len(recorded)))


def _plural(count: Decimal, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def server_lines(number: int, server: Server, table: PriceTable) -> list[PricedLine]:
    """The server's own line, then one line per managed application."""
    hyperscale = server.type == "hyperscale"
    suffix = ":hyperscale" if hyperscale else ""
    h = hours(server.usage, server.usage_period)
    qty = server.quantity
    os_name = OS_NAMES[server.os]
    items = [
        hourly_item(
            "vCPU", server.cpu * qty, "vCPU", table.hourly(f"server:cpu{suffix}"), h
        ),
        hourly_item(
            "Memory",
            server.memory * qty,
            "GB",
            table.hourly(f"server:memory{suffix}"),
            h,
        ),
    ]
    os_licence = ZERO
    if server.os != "linux":
        licence = hourly_item(
            f"{os_name} licence",
            server.cpu * qty,
            "vCPU",
            table.hourly(f"server:os:{server.os}"),
            h,
        )
        items.append(licence)
        os_licence = licence.monthly
    managed = ZERO
    if server.managed:
        managed_hourly = table.hourly(f"server:os:{server.os}-managed")
        items.append(
            hourly_item("Managed operating system", qty, "server", managed_hourly, h)
        )
        # The support base excludes one instance's management, standard servers only
        # (the historical ServersCollection.managedTotal).
        managed = ZERO if hyperscale else managed_hourly * h
    storage_key = f"server:storage:{'hyperscale' if hyperscale else 'standard'}"
    items.append(
        monthly_item(
            "Storage", server.storage * qty, "GB", table.per_gb_month(storage_key)
        )
    )
    kind_name = "Hyperscale server" if hyperscale else "Server"
    name = f"{kind_name} {number}"
    described = ("managed " if server.managed else "") + os_name
    lines = [
        PricedLine(
            kind="server",
            index=server.index,
            section="hyperscale" if hyperscale else "servers",
            name=name,
            description=(
                f"{described}, {server.cpu} vCPU, {server.memory} GB RAM,"
                f" {server.storage} GB storage"
            ),
            items=items,
            quantity=qty,
            os_licence=os_licence,
            managed=managed,
        )
    ]
    for app in server.managed_apps:
        lines.append(_managed_app_line(name, server, app, h, hyperscale, table))
    return lines


def _managed_app_line(
    server_name: str,
    server: Server,
    app: ManagedApp,
    h: Decimal,
    hyperscale: bool,
    table: PriceTable,
) -> PricedLine:
    spec = MANAGED_APPS[app.key]
    key = f"managed-apps:{app.key}"
    qty = server.quantity
    instances = Decimal(app.instances)
    if spec.per_gb:
        items = [monthly_item(spec.label, app.storage * qty, "GB", table.monthly(key))]
        description = f"{app.storage} GB per server"
    else:
        items = [
            hourly_item(spec.label, instances * qty, "instance", table.hourly(key), h)
        ]
        description = _plural(instances, "instance") + " per server"
    if app.software_key:
        items.append(
            hourly_item(
                f"{table.name(app.software_key)} licence",
                server.cpu * instances * qty,
                "vCPU",
                table.hourly(app.software_key),
                h,
            )
        )
        description += f", {table.name(app.software_key)} licence"
    line = PricedLine(
        kind="managed_app",
        index=server.index,
        section="hyperscale" if hyperscale else "servers",
        name=f"{spec.label} on {server_name}",
        description=description,
        items=items,
        quantity=qty,
        app=app.key,
        app_index=app.index,
    )
    if not hyperscale:
        line.managed = line.monthly
    return line


def relational_db_line(number: int, db: RelationalDb, table: PriceTable) -> PricedLine:
    p = f"rdbs:{db.type}"
    h = hours(db.usage, db.usage_period)
    qty = db.quantity
    items = [
        hourly_item("vCPU", db.cpu * qty, "vCPU", table.hourly(f"{p}:cpu"), h),
        hourly_item("Memory", db.memory * qty, "GB", table.hourly(f"{p}:memory"), h),
        monthly_item(
            "Storage",
            db.storage * qty,
            "GB",
            table.hourly(f"{p}:storage") * HOURS_IN_MONTH,
        ),
    ]
    return PricedLine(
        kind="relational_db",
        index=db.index,
        section="relational_db",
        name=f"Relational DB {number}",
        description=(
            f"{'replicated' if db.type == 'replicated' else 'single instance'},"
            f" {db.cpu} vCPU, {db.memory} GB RAM, {db.storage} GB storage"
        ),
        items=items,
        quantity=qty,
    )


def simple_backup_line(
    number: int, backup: SimpleBackup, table: PriceTable
) -> PricedLine:
    mean = backup_average_storage(
        backup.storage,
        backup.retention_days,
        backup.daily_add_percent,
        backup.daily_delete_percent,
    )
    restore_price = table.products["server:storage:sbs-restore"].usage or ZERO
    items = [
        monthly_item(
            "Backup storage (average over the month)",
            mean,
            "GB",
            table.per_gb_month("server:storage:sbs-backups"),
        ),
        monthly_item("Restores", backup.restore, "GB", restore_price),
    ]
    return PricedLine(
        kind="simple_backup",
        index=backup.index,
        section="simple_backup",
        name=f"Simple Backup {number}",
        description=(
            f"{backup.storage} GB,"
            f" kept {_plural(Decimal(backup.retention_days), 'day')},"
            f" {backup.daily_add_percent}% added and"
            f" {backup.daily_delete_percent}% deleted a day,"
            f" {backup.restore} GB restored"
        ),
        items=items,
    )


def bare_metal_line(number: int, bm: BareMetal, table: PriceTable) -> PricedLine:
    config = table.products[f"baremetal:config:{bm.config}"]
    os = table.products[f"baremetal:os:{bm.os}"]
    h = hours(bm.usage, bm.usage_period)
    sockets = Decimal(config.sockets or 1)
    items = [
        hourly_item(config.name, bm.quantity, "server", config.hourly or ZERO, h),
        hourly_item(
            f"{os.short_name or os.name} licence",
            bm.quantity * sockets,
            "socket",
            os.hourly or ZERO,
            h,
        ),
    ]
    return PricedLine(
        kind="bare_metal",
        index=bm.index,
        section="bare_metal",
        name=f"Bare Metal server {number}",
        description=f"{config.name}, {os.short_name or os.name}",
        items=items,
        quantity=bm.quantity,
    )


def intrusion_prevention_line(
    number: int, ips: HourlyItem, table: PriceTable
) -> PricedLine:
    h = hours(ips.usage, ips.usage_period)
    return PricedLine(
        kind="intrusion_prevention",
        index=ips.index,
        section="intrusion_prevention",
        name=f"Intrusion Prevention {number}",
        description=_plural(ips.quantity, "instance"),
        items=[
            hourly_item(
                table.name("ips"), ips.quantity, "instance", table.hourly("ips"), h
            )
        ],
        quantity=ips.quantity,
    )


def appfog_line(number: int, app: AppFog, table: PriceTable) -> PricedLine:
    h = hours(app.usage, app.usage_period)
    gb = app.quantity * app.memory / 1024
    return PricedLine(
        kind="appfog",
        index=app.index,
        section="appfog",
        name=f"AppFog deployment {number}",
        description=f"{_plural(app.quantity, 'instance')} of {app.memory} MB",
        items=[hourly_item("Memory", gb, "GB", table.hourly("appfog"), h)],
        quantity=app.quantity,
    )


def service_line(key: str, quantity: Decimal, table: PriceTable) -> PricedLine:
    spec = SERVICES[key]
    price = table.products[spec.product]
    if spec.hourly:
        unit_price = (price.hourly or ZERO) * HOURS_IN_MONTH
    else:
        unit_price = price.monthly or ZERO
    return PricedLine(
        kind="service",
        index=key,
        section=spec.section,
        name=spec.label,
        description=_plural(quantity, spec.unit) if spec.whole else f"{quantity:,} GB",
        items=[monthly_item(spec.label, quantity, spec.unit, unit_price)],
        quantity=quantity,
        setup_fee=(price.setup_fee or ZERO) * quantity,
    )


def _numbered(lines: list, section_of=lambda line: "") -> list[tuple[int, Any]]:
    """(visitor number, line): validation numbers lines; others count in order."""
    counts: dict[str, int] = {}
    out = []
    for line in lines:
        section = section_of(line)
        counts[section] = counts.get(section, 0) + 1
        out.append((line.number or counts[section], line))
    return out


def estimate(request: EstimateRequest, table: PriceTable) -> Estimate:
    """Price a validated EstimateRequest against a data center's PriceTable."""
    lines: list[PricedLine] = []
    for number, server in _numbered(request.servers, lambda s: s.type):
        lines += server_lines(number, server, table)
    for number, db in _numbered(request.relational_dbs):
        lines.append(relational_db_line(number, db, table))
    for number, backup in _numbered(request.simple_backups):
        lines.append(simple_backup_line(number, backup, table))
    for number, bm in _numbered(request.bare_metal):
        lines.append(bare_metal_line(number, bm, table))
    for number, ips in _numbered(request.intrusion_prevention):
        lines.append(intrusion_prevention_line(number, ips, table))
    for number, app in _numbered(request.appfog):
        lines.append(appfog_line(number, app, table))
    for key in SERVICES:
        quantity = request.services.get(key)
        if quantity:
            lines.append(service_line(key, quantity, table))
    subtotals = {section.key: ZERO for section in SECTIONS}
    for line in lines:
        subtotals[line.section] += line.monthly
    usage_total = sum((line.monthly for line in lines), ZERO)
    excluded = sum((line.os_licence + line.managed for line in lines), ZERO)
    base = max(usage_total - excluded, ZERO)
    graduated = support_charge(base, table.support_tiers)
    rate, symbol = table.currencies[request.currency]
    return Estimate(
        data_center=table.data_center,
        data_center_name=table.data_center_name,
        currency=request.currency,
        symbol=symbol,
        rate=rate,
        support_plan=request.support,
        lines=lines,
        subtotals=subtotals,
        usage_total=usage_total,
        setup_fees=sum((line.setup_fee for line in lines), ZERO),
        support_base=base,
        plan_charges={
            plan: ZERO if plan == "developer" else graduated for plan in SUPPORT_PLANS
        },
        unavailable=list(request.unavailable),
    )
