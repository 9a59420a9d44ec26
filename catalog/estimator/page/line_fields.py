"""The controls of each kind of line: ranges and defaults as validation has them, and
the choices of the chosen data center, what it lacks disabled and saying so."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from catalog.estimator.page.controls import (
    Field,
    Option,
    number_field,
    select_field,
    text,
)
from catalog.estimator.prices import PriceTable
from catalog.estimator.vocabulary import (
    APP_STORAGE,
    APPFOG_MEMORY,
    BACKUP,
    BARE_METAL_CONFIGS,
    BARE_METAL_OS,
    CPU,
    DEFAULT_PERIOD,
    HYPERSCALE_STORAGE,
    INSTANCES,
    MANAGED_APPS,
    MEMORY,
    MS_SQL_LICENCE_PREFIX,
    MYSQL_REPLICATION,
    PERIOD_LABELS,
    QUANTITY,
    STORAGE,
    USAGE_MAX,
    Bounds,
    ManagedAppSpec,
    usage_bounds,
)

SHORT_OS_NAMES = {"linux": "Linux", "redhat": "Red Hat", "windows": "Windows"}
BACKUP_LABELS = {
    "storage": "Data to back up (GB)",
    "retention_days": "Retention (days)",
    "daily_add_percent": "Data added a day (%)",
    "daily_delete_percent": "Data deleted a day (%)",
    "restore": "Restored a month (GB)",
}


def _number(item: dict, prefix: str, name: str, label: str, bounds: Bounds) -> Field:
    """The line's field `name`, as typed or its default."""
    value = text(item.get(name)) or str(bounds.default)
    return number_field(name, f"{prefix}-{name}", label, value, bounds)


class LineFields:
    """Builds the fields of a line from its payload item, for one data center."""

    def __init__(
        self, table: PriceTable | None, tables: Any, *, rate: Decimal, symbol: str
    ) -> None:
        self.table = table
        self.tables = tables
        self.rate = rate
        self.symbol = symbol
        self.dc = table.data_center if table else ""

    # --- availability -------------------------------------------------------------
    def offers(self, *keys: str) -> bool:
        return self.table is None or self.table.offers_all(keys)

    def not_here(self) -> str:
        return f"not offered in {self.dc}" if self.dc else "not offered here"

    def option(self, value: str, label: str, offered: bool) -> Option:
        """A choice; one the data center lacks is disabled and says so."""
        if offered:
            return Option(value, label)
        return Option(value, f"{label} ({self.not_here()})", disabled=True)

    def reference_table(self, test: Callable[[PriceTable], bool]) -> PriceTable | None:
        """This data center's table if it passes `test`, else the first that does:
        choices it lacks are still named, from a data center that has them."""
        for alias in [self.dc, *self.tables.aliases()]:
            table = self.tables.get(alias) if alias else None
            if table is not None and test(table):
                return table
        return None

    # --- line kinds -----------------------------------------------------------------
    def usage(self, item: dict, prefix: str) -> list[Field]:
        period = text(item.get("usage_period")) or DEFAULT_PERIOD
        bounds = usage_bounds(period if period in USAGE_MAX else DEFAULT_PERIOD)
        return [
            _number(item, prefix, "quantity", "Quantity", QUANTITY),
            _number(item, prefix, "usage", "Usage", bounds),
            select_field(
                "usage_period",
                f"{prefix}-usage_period",
                "Usage period",
                period,
                [Option(k, v) for k, v in PERIOD_LABELS.items()],
            ),
        ]

    def size(self, item: dict, prefix: str, storage: Bounds) -> list[Field]:
        return [
            _number(item, prefix, "cpu", "vCPU", CPU),
            _number(item, prefix, "memory", "Memory (GB)", MEMORY),
            _number(item, prefix, "storage", "Storage (GB)", storage),
        ]

    def server(self, kind: str, item: dict, prefix: str) -> list[Field]:
        os = text(item.get("os")) or "linux"
        options = [
            self.option(key, label, key == "linux" or self.offers(f"server:os:{key}"))
            for key, label in SHORT_OS_NAMES.items()
        ]
        storage = HYPERSCALE_STORAGE if kind == "hyperscale" else STORAGE
        return [
            select_field("os", f"{prefix}-os", "Operating system", os, options, True),
            *self.size(item, prefix, storage),
            *self.usage(item, prefix),
            self.managed(item, prefix, os),
        ]

    def managed(self, item: dict, prefix: str, os: str) -> Field:
        managed = Field(
            "managed",
            f"{prefix}-managed",
            "Managed operating system",
            "checkbox",
            text(item.get("managed")),
            structural=True,
        )
        # a ticked box stays enabled, so that it can be unticked
        if os == "linux":
            managed.disabled = not managed.checked
            managed.hint = "Only Red Hat and Windows servers can be managed."
        elif not self.offers(f"server:os:{os}-managed"):
            managed.disabled = not managed.checked
            managed.hint = f"Managed operating systems are {self.not_here()}."
        else:
            price = self.table.hourly(f"server:os:{os}-managed") if self.table else None
            if price is not None:
                managed.hint = (
                    f"{self.symbol}{price * self.rate:,.2f} an hour per server."
                )
        return managed

    def db(self, item: dict, prefix: str) -> list[Field]:
        options = [
            self.option(t, label, self.offers(f"rdbs:{t}:cpu"))
            for t, label in (
                ("single", "Single instance"),
                ("replicated", "Replicated"),
            )
        ]
        value = text(item.get("type")) or "single"
        return [
            select_field("type", f"{prefix}-type", "Type", value, options),
            *self.size(item, prefix, STORAGE),
            *self.usage(item, prefix),
        ]

    def backup(self, item: dict, prefix: str) -> list[Field]:
        return [
            _number(item, prefix, name, label, BACKUP[name])
            for name, label in BACKUP_LABELS.items()
        ]

    def baremetal(self, item: dict, prefix: str) -> list[Field]:
        source = self.reference_table(lambda t: t.offers("baremetal:config:1"))
        configs, systems = [], []
        for n in BARE_METAL_CONFIGS:
            key = f"baremetal:config:{n}"
            if source is not None and source.offers(key):
                configs.append(self.option(str(n), source.name(key), self.offers(key)))
        for n in BARE_METAL_OS:
            key = f"baremetal:os:{n}"
            if source is not None and source.offers(key):
                product = source.products[key]
                name = product.short_name or product.name
                systems.append(self.option(str(n), name, self.offers(key)))
        return [
            select_field(
                "config",
                f"{prefix}-config",
                "Configuration",
                text(item.get("config")) or "1",
                configs or [Option("1", "Configuration 1")],
                wide=True,
            ),
            select_field(
                "os",
                f"{prefix}-os",
                "Operating system",
                text(item.get("os")) or "1",
                systems or [Option("1", "Operating system 1")],
            ),
            *self.usage(item, prefix),
        ]

    def appfog(self, item: dict, prefix: str) -> list[Field]:
        return [
            _number(item, prefix, "memory", "Memory per instance (MB)", APPFOG_MEMORY),
            *self.usage(item, prefix),
        ]

    # --- managed applications ---------------------------------------------------
    def app(
        self, spec: ManagedAppSpec, app: dict, item: dict, prefix: str
    ) -> list[Field]:
        """An application's instances, licence and protected data, as it has them."""
        fields: list[Field] = []
        if spec.instances:
            instances = text(app.get("instances")) or "1"
            fields.append(
                number_field(
                    "instances", prefix, "Instances per server", instances, INSTANCES
                )
            )
        if spec.licence:
            fields.append(self.licence(app, prefix))
        if spec.per_gb:
            value = text(app.get("storage")) or text(item.get("storage")) or "1"
            fields.append(
                number_field(
                    "storage",
                    f"{prefix}-storage",
                    "Protected data (GB)",
                    value,
                    APP_STORAGE,
                )
            )
        return fields

    def licence(self, app: dict, prefix: str) -> Field:
        chosen = text(app.get("software")).removeprefix("software:") or (
            "microsoft-sql-server-standard-edition"
        )
        source = self.reference_table(
            lambda t: any(
                k.startswith(MS_SQL_LICENCE_PREFIX) for k in t.software.values()
            )
        )
        names = {
            k.removeprefix("software:"): n
            for n, k in (source.software.items() if source else ())
            if k.startswith(MS_SQL_LICENCE_PREFIX)
        }
        options = [
            self.option(
                key,
                name.removeprefix("Microsoft SQL Server "),
                self.offers(f"software:{key}"),
            )
            for key, name in sorted(names.items(), key=lambda kv: kv[1])
        ]
        return select_field(
            "software",
            f"{prefix}-software",
            "SQL Server edition",
            chosen,
            options,
            wide=True,
        )

    def app_chooser(
        self, prefix: str, os: str, present: set[str], mysql_instances: int
    ) -> Field | None:
        """The applications that can still be added to this server, if any."""
        options = [Option("", "Choose an application")]
        for key, spec in MANAGED_APPS.items():
            if os not in spec.os or key in present:
                continue
            offered = self.offers(f"managed-apps:{key}")
            needs_mysql = key in MYSQL_REPLICATION and mysql_instances < 2
            note = (
                f" ({self.not_here()})"
                if not offered
                else " (needs MySQL with 2 instances)"
                if needs_mysql
                else ""
            )
            options.append(
                Option(key, spec.label + note, disabled=not offered or needs_mysql)
            )
        if len(options) == 1:
            return None
        return Field(
            "add_app",
            f"{prefix}-add_app",
            "Add a managed application",
            "select",
            "",
            options=options,
        )
