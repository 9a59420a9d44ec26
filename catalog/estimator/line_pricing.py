"""How each kind of line is priced (docs/estimator.md): a line is a list of items,
quantity x unit price [x hours], and its monthly amount is their exact sum, so the
breakdown always adds up."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from decimal import Decimal

from catalog.estimator.prices import ZERO, PriceTable
from catalog.estimator.request import (
    AppFog,
    BareMetal,
    HourlyLine,
    Line,
    ManagedApp,
    RelationalDb,
    Server,
    SimpleBackup,
    SizedLine,
)
from catalog.estimator.vocabulary import (
    HOURS_IN_MONTH,
    HOURS_PER_USAGE,
    MANAGED_APPS,
    OS_NAMES,
    SERVICES,
    ServiceSpec,
    line_name,
)

BACKUP_DAYS = 30.41666667


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


def hours(line: HourlyLine) -> Decimal:
    return line.usage * HOURS_PER_USAGE[line.usage_period]


def _plural(count: Decimal, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def _compute_items(
    line: SizedLine, cpu_key: str, memory_key: str, h: Decimal, table: PriceTable
) -> list[Item]:
    """vCPU and memory by the hour, for `quantity` machines."""
    qty = line.quantity
    return [
        hourly_item("vCPU", line.cpu * qty, "vCPU", table.hourly(cpu_key), h),
        hourly_item("Memory", line.memory * qty, "GB", table.hourly(memory_key), h),
    ]


def _numbered_line(
    kind: str,
    number: int,
    line: Line,
    description: str,
    items: list[Item],
    quantity: Decimal = Decimal(1),
) -> PricedLine:
    """A line in a section of its own kind, named by its number ("Bare Metal 2")."""
    return PricedLine(
        kind=kind,
        index=line.index,
        section=kind,
        name=line_name(kind, number),
        description=description,
        items=items,
        quantity=quantity,
    )


def _size(line: SizedLine) -> str:
    return f"{line.cpu} vCPU, {line.memory} GB RAM, {line.storage} GB storage"


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


def server_lines(number: int, server: Server, table: PriceTable) -> list[PricedLine]:
    """The server's own line, then one line per managed application."""
    hyperscale = server.type == "hyperscale"
    section = "hyperscale" if hyperscale else "servers"
    suffix = ":hyperscale" if hyperscale else ""
    h = hours(server)
    qty = server.quantity
    os_name = OS_NAMES[server.os]
    items = _compute_items(
        server, f"server:cpu{suffix}", f"server:memory{suffix}", h, table
    )
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
    name = line_name(section, number)
    described = ("managed " if server.managed else "") + os_name
    lines = [
        PricedLine(
            kind="server",
            index=server.index,
            section=section,
            name=name,
            description=f"{described}, {_size(server)}",
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
    items = _compute_items(db, f"{p}:cpu", f"{p}:memory", hours(db), table)
    items.append(
        monthly_item(
            "Storage",
            db.storage * db.quantity,
            "GB",
            table.hourly(f"{p}:storage") * HOURS_IN_MONTH,
        )
    )
    kind = "replicated" if db.type == "replicated" else "single instance"
    return _numbered_line(
        "relational_db", number, db, f"{kind}, {_size(db)}", items, db.quantity
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
    description = (
        f"{backup.storage} GB,"
        f" kept {_plural(Decimal(backup.retention_days), 'day')},"
        f" {backup.daily_add_percent}% added and"
        f" {backup.daily_delete_percent}% deleted a day,"
        f" {backup.restore} GB restored"
    )
    return _numbered_line("simple_backup", number, backup, description, items)


def bare_metal_line(number: int, bm: BareMetal, table: PriceTable) -> PricedLine:
    config = table.products[f"baremetal:config:{bm.config}"]
    os = table.products[f"baremetal:os:{bm.os}"]
    h = hours(bm)
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
    description = f"{config.name}, {os.short_name or os.name}"
    return _numbered_line("bare_metal", number, bm, description, items, bm.quantity)


def intrusion_prevention_line(
    number: int, ips: HourlyLine, table: PriceTable
) -> PricedLine:
    item = hourly_item(
        table.name("ips"), ips.quantity, "instance", table.hourly("ips"), hours(ips)
    )
    description = _plural(ips.quantity, "instance")
    return _numbered_line(
        "intrusion_prevention", number, ips, description, [item], ips.quantity
    )


def appfog_line(number: int, app: AppFog, table: PriceTable) -> PricedLine:
    gb = app.quantity * app.memory / 1024
    item = hourly_item("Memory", gb, "GB", table.hourly("appfog"), hours(app))
    description = f"{_plural(app.quantity, 'instance')} of {app.memory} MB"
    return _numbered_line("appfog", number, app, description, [item], app.quantity)


def service_unit_price(spec: ServiceSpec, table: PriceTable) -> Decimal:
    """A service's monthly price per unit: hourly ones run all month."""
    price = table.products[spec.product]
    if spec.hourly:
        return (price.hourly or ZERO) * HOURS_IN_MONTH
    return price.monthly or ZERO


def service_line(key: str, quantity: Decimal, table: PriceTable) -> PricedLine:
    spec = SERVICES[key]
    unit_price = service_unit_price(spec, table)
    return PricedLine(
        kind="service",
        index=key,
        section=spec.section,
        name=spec.label,
        description=_plural(quantity, spec.unit) if spec.whole else f"{quantity:,} GB",
        items=[monthly_item(spec.label, quantity, spec.unit, unit_price)],
        quantity=quantity,
        setup_fee=(table.products[spec.product].setup_fee or ZERO) * quantity,
    )
