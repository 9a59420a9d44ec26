"""The Online Estimator's form as plain view data: sections, lines, fields, options,
errors in the visitor's words and what the chosen data center cannot offer.

Field names are the URL encoding (catalog.estimator.encoding), so the page is a
plain GET form; the API's field paths (`servers[0].cpu`) never reach the visitor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from catalog.estimator.encoding import DEFAULTS, KINDS, Decoded
from catalog.estimator.engine import PriceTable
from catalog.estimator.vocabulary import (
    BARE_METAL_OS,
    MANAGED_APPS,
    MAX_INSTANCES,
    MAX_QUANTITY,
    MS_SQL_LICENCE_PREFIX,
    MYSQL_REPLICATION,
    PERIOD_LABELS,
    SECTIONS,
    SERVICES,
    USAGE_MAX,
)

KIND_NAMES = {
    "server": "Server",
    "hyperscale": "Hyperscale server",
    "db": "Relational DB",
    "backup": "Simple Backup",
    "baremetal": "Bare Metal server",
    "ips": "Intrusion Prevention",
    "appfog": "AppFog deployment",
}
KIND_SECTIONS = {
    "server": "servers",
    "hyperscale": "hyperscale",
    "db": "relational_db",
    "backup": "simple_backup",
    "baremetal": "bare_metal",
    "ips": "intrusion_prevention",
    "appfog": "appfog",
}
SECTION_KIND = {v: k for k, v in KIND_SECTIONS.items()}
ADD_LABELS = {
    "server": "Add a server",
    "hyperscale": "Add a hyperscale server",
    "db": "Add a relational DB",
    "backup": "Add a Simple Backup",
    "baremetal": "Add a Bare Metal server",
    "ips": "Add Intrusion Prevention",
    "appfog": "Add an AppFog deployment",
}
BLURBS = {
    "servers": "Virtual servers built to your specification. vCPU and memory are"
    " billed by the hour while a server runs; storage by the GB a month. Red Hat"
    " and Windows licences are billed per vCPU.",
    "hyperscale": "Servers on local all-flash storage for NoSQL, Hadoop and web-scale"
    " workloads (up to 1,024 GB of storage).",
    "bare_metal": "Dedicated physical servers on demand, billed by the hour once"
    " allocated.",
    "relational_db": "MySQL-compatible databases as a service, single instance or"
    " replicated.",
    "simple_backup": "File-level backups: the price follows the average data kept"
    " over the month, from the data added and deleted each day and how long deleted"
    " data is kept.",
    "intrusion_prevention": "Monitors server traffic to detect and block known"
    " vulnerabilities; billed by the hour per instance.",
    "appfog": "Application deployments billed by the hour for the memory they use.",
    "network": "Networking billed by the month. The first VLAN is free.",
    "object_storage": "S3-compatible object storage, by the GB a month.",
    "bandwidth": "Outbound data transfer, by the GB. Inbound transfer is free.",
}
FIELD_LABELS = {
    "os": "Operating system",
    "cpu": "vCPU",
    "memory": "Memory (GB)",
    "storage": "Storage (GB)",
    "quantity": "Quantity",
    "usage": "Usage",
    "usage_period": "Usage period",
    "managed": "Managed operating system",
    "type": "Type",
    "retention_days": "Retention (days)",
    "daily_add_percent": "Data added a day (%)",
    "daily_delete_percent": "Data deleted a day (%)",
    "restore": "Restored a month (GB)",
    "config": "Configuration",
    "instances": "Instances per server",
    "software": "SQL Server edition",
    "key": "Application",
}
APPFOG_MEMORY_LABEL = "Memory per instance (MB)"
PATH = re.compile(
    r"^(?P<list>[a-z_]+)\[(?P<i>\d+)\]"
    r"(?:\.managed_apps\[(?P<j>\d+)\])?(?:\.(?P<field>[a-z_]+))?$"
)
SHORT_OS_NAMES = {"linux": "Linux", "redhat": "Red Hat", "windows": "Windows"}
GLOBAL_FIELDS = {"data_center": "dc", "currency": "currency", "support": "support"}
GLOBAL_LABELS = {
    "data_center": "Data center",
    "currency": "Currency",
    "support": "Support plan",
}


@dataclass
class Option:
    value: str
    label: str
    selected: bool = False
    disabled: bool = False


def options_html(options: list[Option]) -> SafeString:
    """`<option>`s rendered here, not in the template: a long estimate has thousands,
    and most selects repeat (the same periods, systems, applications)."""
    return _options_html(
        tuple((o.value, o.label, o.selected, o.disabled) for o in options)
    )


@lru_cache(maxsize=512)
def _options_html(options: tuple[tuple[str, str, bool, bool], ...]) -> SafeString:
    return mark_safe(  # noqa: S308 - every value and label is escaped
        "".join(
            f'<option value="{escape(value)}"{" selected" if selected else ""}'
            f"{' disabled' if disabled else ''}>{escape(label)}</option>"
            for value, label, selected, disabled in options
        )
    )


@dataclass
class Field:
    name: str
    id: str
    label: str
    widget: str  # number | select | checkbox
    value: str = ""
    options: list[Option] = field(default_factory=list)
    min: str = ""
    max: str = ""
    step: str = "1"
    errors: list[str] = field(default_factory=list)
    hint: str = ""
    disabled: bool = False
    structural: bool = False  # changing it changes which options apply
    wide: bool = False  # long choices: two grid columns

    @property
    def checked(self) -> bool:
        return self.value == "on"

    @property
    def control(self) -> SafeString:
        """The input or select itself (rendered here: a long estimate has hundreds)."""
        described = " ".join(
            ref
            for ref, on in (
                (f"{self.id}-hint", self.hint),
                (f"{self.id}-error", self.errors),
            )
            if on
        )
        attrs = format_html(' aria-describedby="{}"', described) if described else ""
        flags = (
            (self.errors, ' aria-invalid="true"'),
            (self.structural, " data-structural"),
            (self.disabled, " disabled"),
        )
        attrs = mark_safe(attrs + "".join(text for on, text in flags if on))  # noqa: S308
        if self.widget == "select":
            return format_html(
                '<select id="{}" name="{}"{}>{}</select>',
                self.id,
                self.id,
                attrs,
                options_html(self.options),
            )
        if self.widget == "checkbox":
            return format_html(
                '<input type="checkbox" id="{}" name="{}" value="on"{}{}>',
                self.id,
                self.id,
                " checked" if self.checked else "",
                attrs,
            )
        return format_html(
            '<input type="number" id="{}" name="{}" value="{}" min="{}" max="{}"'
            ' step="{}" inputmode="{}"{}>',
            self.id,
            self.id,
            self.value,
            self.min,
            self.max,
            self.step,
            "numeric" if self.step == "1" else "decimal",
            attrs,
        )


@dataclass
class AppRow:
    key: str
    label: str
    prefix: str
    fields: list[Field]
    priced: dict | None = None
    errors: list[str] = field(default_factory=list)
    unavailable: str = ""

    @property
    def needs_marker(self) -> bool:
        """No instances field carries the app's parameter: a hidden input does."""
        return not any(f.name == "instances" for f in self.fields)


@dataclass
class Row:
    kind: str
    prefix: str
    name: str
    fields: list[Field]
    priced: dict | None = None
    errors: list[str] = field(default_factory=list)
    unavailable: str = ""
    apps: list[AppRow] = field(default_factory=list)
    app_chooser: Field | None = None
    app_hint: str = ""


@dataclass
class ServiceRow:
    key: str
    field: Field
    unit: str
    unit_price: str
    setup_fee: str
    priced: dict | None = None
    unavailable: str = ""


@dataclass
class SectionView:
    key: str
    label: str
    blurb: str
    add_kind: str = ""
    add_label: str = ""
    rows: list[Row] = field(default_factory=list)
    services: list[ServiceRow] = field(default_factory=list)
    subtotal: str = "0.00"
    offered: bool = True
    unavailable: str = ""


@dataclass
class FormView:
    sections: list[SectionView]
    summary: list[tuple[str, str]]  # (href, message) for the error summary
    global_errors: dict[str, list[str]]


def _text(value: Any) -> str:
    if value is True:
        return "on"
    if value in (None, False):
        return ""
    return str(value)


def _number(name, id_, label, value, low, high, step="1", hint="") -> Field:
    return Field(
        name,
        id_,
        label,
        "number",
        value,
        min=str(low),
        max=str(high),
        step=step,
        hint=hint,
    )


def _select(name, id_, label, value, options, structural=False, wide=False) -> Field:
    for option in options:
        option.selected = option.value == value
        if option.selected:
            option.disabled = False  # a disabled choice would not be submitted
    return Field(
        name,
        id_,
        label,
        "select",
        value,
        options=options,
        structural=structural,
        wide=wide,
    )


class FormBuilder:
    """Builds the FormView of one decoded request, priced estimate and errors."""

    def __init__(
        self,
        decoded: Decoded,
        table: PriceTable | None,
        tables: Any,
        body: dict | None,
        errors: dict[str, list[str]],
        unavailable: list[dict],
        *,
        rate: Decimal = Decimal(1),
        symbol: str = "$",
    ) -> None:
        self.decoded = decoded
        self.table = table
        self.tables = tables
        self.body = body
        self.errors = errors
        self.unavailable = {u["path"]: u["reason"] for u in unavailable}
        self.summary: list[tuple[str, str]] = []
        self.priced: dict[tuple, dict] = {}
        for line in (body or {}).get("lines", []):
            if line["kind"] == "managed_app":
                self.priced[("app", line["index"], line["app_index"])] = line
            else:
                self.priced[(line["kind"], line["index"])] = line
        self.symbol = symbol
        self.rate = rate
        self.dc = table.data_center if table else ""

    # --- availability -------------------------------------------------------
    def offers(self, *keys: str) -> bool:
        return self.table is None or all(map(self.table.offers, keys))

    def not_here(self) -> str:
        return f"not offered in {self.dc}" if self.dc else "not offered here"

    # --- errors ---------------------------------------------------------------
    def take(self, path: str, id_: str, label: str) -> list[str]:
        messages = self.errors.get(path, [])
        for message in messages:
            self.summary.append((f"#{id_}", f"{label}: {message}"))
        return list(messages)

    # --- fields -----------------------------------------------------------------
    def usage_fields(self, item: dict, prefix: str) -> list[Field]:
        period = _text(item.get("usage_period")) or "percentage_of_month"
        high = USAGE_MAX.get(period, USAGE_MAX["percentage_of_month"])
        return [
            _number(
                "quantity",
                f"{prefix}-quantity",
                "Quantity",
                _text(item.get("quantity")) or "1",
                1,
                MAX_QUANTITY,
            ),
            _number(
                "usage",
                f"{prefix}-usage",
                "Usage",
                _text(item.get("usage")) or "100",
                0,
                high,
                step="any",
            ),
            _select(
                "usage_period",
                f"{prefix}-usage_period",
                "Usage period",
                period,
                [Option(k, v) for k, v in PERIOD_LABELS.items()],
            ),
        ]

    def server_fields(self, kind: str, item: dict, prefix: str) -> list[Field]:
        hyperscale = kind == "hyperscale"
        os = _text(item.get("os")) or "linux"
        options = []
        for key, label in SHORT_OS_NAMES.items():
            offered = key == "linux" or self.offers(f"server:os:{key}")
            options.append(
                Option(
                    key,
                    label if offered else f"{label} ({self.not_here()})",
                    disabled=not offered,
                )
            )
        managed = Field(
            "managed",
            f"{prefix}-managed",
            "Managed operating system",
            "checkbox",
            _text(item.get("managed")),
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
        return [
            _select("os", f"{prefix}-os", "Operating system", os, options, True),
            _number(
                "cpu", f"{prefix}-cpu", "vCPU", _text(item.get("cpu")) or "1", 1, 16
            ),
            _number(
                "memory",
                f"{prefix}-memory",
                "Memory (GB)",
                _text(item.get("memory")) or "1",
                1,
                128,
            ),
            _number(
                "storage",
                f"{prefix}-storage",
                "Storage (GB)",
                _text(item.get("storage")) or "1",
                1,
                1024 if hyperscale else 4000,
            ),
            *self.usage_fields(item, prefix),
            managed,
        ]

    def db_fields(self, item: dict, prefix: str) -> list[Field]:
        options = [
            Option(
                t,
                label
                if self.offers(f"rdbs:{t}:cpu")
                else f"{label} ({self.not_here()})",
                disabled=not self.offers(f"rdbs:{t}:cpu"),
            )
            for t, label in (
                ("single", "Single instance"),
                ("replicated", "Replicated"),
            )
        ]
        return [
            _select(
                "type",
                f"{prefix}-type",
                "Type",
                _text(item.get("type")) or "single",
                options,
            ),
            _number(
                "cpu", f"{prefix}-cpu", "vCPU", _text(item.get("cpu")) or "1", 1, 16
            ),
            _number(
                "memory",
                f"{prefix}-memory",
                "Memory (GB)",
                _text(item.get("memory")) or "1",
                1,
                128,
            ),
            _number(
                "storage",
                f"{prefix}-storage",
                "Storage (GB)",
                _text(item.get("storage")) or "1",
                1,
                4000,
            ),
            *self.usage_fields(item, prefix),
        ]

    def backup_fields(self, item: dict, prefix: str) -> list[Field]:
        d = DEFAULTS["backup"]

        def value(name: str) -> str:
            return _text(item.get(name)) or d[name]

        return [
            _number(
                "storage",
                f"{prefix}-storage",
                "Data to back up (GB)",
                value("storage"),
                1,
                4000,
                "any",
            ),
            _number(
                "retention_days",
                f"{prefix}-retention_days",
                "Retention (days)",
                value("retention_days"),
                1,
                31,
            ),
            _number(
                "daily_add_percent",
                f"{prefix}-daily_add_percent",
                "Data added a day (%)",
                value("daily_add_percent"),
                0,
                300,
                "any",
            ),
            _number(
                "daily_delete_percent",
                f"{prefix}-daily_delete_percent",
                "Data deleted a day (%)",
                value("daily_delete_percent"),
                0,
                300,
                "any",
            ),
            _number(
                "restore",
                f"{prefix}-restore",
                "Restored a month (GB)",
                value("restore"),
                0,
                4000,
                "any",
            ),
        ]

    def _bare_metal_names(self) -> PriceTable | None:
        if self.table is not None and self.table.offers("baremetal:config:1"):
            return self.table
        for alias in self.tables.aliases():
            other = self.tables.get(alias)
            if other is not None and other.offers("baremetal:config:1"):
                return other
        return None

    def baremetal_fields(self, item: dict, prefix: str) -> list[Field]:
        source = self._bare_metal_names()
        configs, systems = [], []
        for n in range(1, 9):
            key = f"baremetal:config:{n}"
            if source is not None and source.offers(key):
                offered = self.offers(key)
                name = source.name(key)
                configs.append(
                    Option(
                        str(n),
                        name if offered else f"{name} ({self.not_here()})",
                        disabled=not offered,
                    )
                )
        for n in BARE_METAL_OS:
            key = f"baremetal:os:{n}"
            if source is not None and source.offers(key):
                product = source.products[key]
                offered = self.offers(key)
                name = product.short_name or product.name
                systems.append(
                    Option(
                        str(n),
                        name if offered else f"{name} ({self.not_here()})",
                        disabled=not offered,
                    )
                )
        return [
            _select(
                "config",
                f"{prefix}-config",
                "Configuration",
                _text(item.get("config")) or "1",
                configs or [Option("1", "Configuration 1")],
                wide=True,
            ),
            _select(
                "os",
                f"{prefix}-os",
                "Operating system",
                _text(item.get("os")) or "1",
                systems or [Option("1", "Operating system 1")],
            ),
            *self.usage_fields(item, prefix),
        ]

    def appfog_fields(self, item: dict, prefix: str) -> list[Field]:
        return [
            _number(
                "memory",
                f"{prefix}-memory",
                APPFOG_MEMORY_LABEL,
                _text(item.get("memory")) or "1024",
                1,
                10240,
            ),
            *self.usage_fields(item, prefix),
        ]

    # --- lines --------------------------------------------------------------------
    def row(self, kind: str, number: int, list_name: str, i: int, item: dict) -> Row:
        n = self.decoded.lines[(list_name, i)][1]
        prefix = f"{kind}{n}"
        name = f"{KIND_NAMES[kind]} {number}"
        builders = {
            "server": lambda: self.server_fields(kind, item, prefix),
            "hyperscale": lambda: self.server_fields(kind, item, prefix),
            "db": lambda: self.db_fields(item, prefix),
            "backup": lambda: self.backup_fields(item, prefix),
            "baremetal": lambda: self.baremetal_fields(item, prefix),
            "ips": lambda: self.usage_fields(item, prefix),
            "appfog": lambda: self.appfog_fields(item, prefix),
        }
        fields = builders[kind]()
        path = f"{list_name}[{i}]"
        row = Row(kind, prefix, name, fields)
        row.errors = self.take(path, prefix, name)
        row.unavailable = self.unavailable.get(path, "")
        for f in fields:
            f.errors = self.take(f"{path}.{f.name}", f.id, f"{name}, {f.label}")
            if f.errors:
                f.hint = ""
            reason = self.unavailable.get(f"{path}.{f.name}")
            if reason:
                row.unavailable = reason
        unknown = [k for k in item if k not in {f.name for f in fields} | {"type"}]
        for key in unknown:
            if key != "managed_apps":
                row.errors.append(f"Unknown field {key[:30]!r}.")
        kind_line = "server" if kind in ("server", "hyperscale") else None
        priced_kind = {
            "db": "relational_db",
            "backup": "simple_backup",
            "baremetal": "bare_metal",
            "ips": "intrusion_prevention",
            "appfog": "appfog",
        }.get(kind, kind_line)
        row.priced = self.priced.get((priced_kind, i))
        if kind in ("server", "hyperscale"):
            self.apps(row, item, path, i)
            left_out = self.unavailable.get(path) or self.unavailable.get(
                f"{path}.managed"
            )
            for app in row.apps:
                if left_out and not app.unavailable:
                    app.unavailable = f"Not included: {row.name} is priced without it."
        return row

    def apps(self, row: Row, item: dict, path: str, i: int) -> None:
        os = _text(item.get("os")) or "linux"
        managed = item.get("managed") is True
        apps = item.get("managed_apps") or []
        present = set()
        mysql_instances = 0
        for j, app in enumerate(apps):
            key = str(app.get("key", ""))
            present.add(key)
            spec = MANAGED_APPS.get(key)
            label = spec.label if spec else key[:40]
            prefix = f"{row.prefix}-app-{key}"
            fields: list[Field] = []
            if spec and spec.instances:
                instances = _text(app.get("instances")) or "1"
                if key == "mysql" and instances.isdigit():
                    mysql_instances = int(instances)
                fields.append(
                    _number(
                        "instances",
                        prefix,
                        "Instances per server",
                        instances,
                        1,
                        MAX_INSTANCES,
                    )
                )
            if spec and spec.licence:
                fields.append(self.licence_field(app, prefix))
            if spec and spec.per_gb:
                fields.append(
                    _number(
                        "storage",
                        f"{prefix}-storage",
                        "Protected data (GB)",
                        _text(app.get("storage")) or _text(item.get("storage")) or "1",
                        0,
                        10_000_000,
                        "any",
                    )
                )
            apath = f"{path}.managed_apps[{j}]"
            app_row = AppRow(key, label, prefix, fields)
            app_row.errors = self.take(apath, prefix, f"{row.name}, {label}")
            app_row.errors += self.take(f"{apath}.key", prefix, f"{row.name}, {label}")
            for f in fields:
                f.errors = self.take(
                    f"{apath}.{f.name}", f.id, f"{row.name}, {label}, {f.label}"
                )
            app_row.unavailable = self.unavailable.get(apath, "")
            app_row.priced = self.priced.get(("app", i, j))
            row.apps.append(app_row)
        if os not in ("redhat", "windows"):
            row.app_hint = (
                "Managed applications run on managed Red Hat or Windows servers."
            )
            return
        if not managed:
            row.app_hint = (
                "Choose Managed operating system to add managed applications."
            )
            return
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
        if len(options) > 1:
            row.app_chooser = Field(
                "add_app",
                f"{row.prefix}-add_app",
                "Add a managed application",
                "select",
                "",
                options=options,
            )

    def licence_field(self, app: dict, prefix: str) -> Field:
        chosen = _text(app.get("software")).removeprefix("software:") or (
            "microsoft-sql-server-standard-edition"
        )
        names: dict[str, str] = {}
        for alias in [self.dc, *self.tables.aliases()]:
            other = self.tables.get(alias) if alias else None
            if other is not None:
                names = {
                    k.removeprefix("software:"): n
                    for n, k in other.software.items()
                    if k.startswith(MS_SQL_LICENCE_PREFIX)
                }
            if names:
                break
        options = []
        for key, name in sorted(names.items(), key=lambda kv: kv[1]):
            offered = self.offers(f"software:{key}")
            name = name.removeprefix("Microsoft SQL Server ")
            label = name if offered else f"{name} ({self.not_here()})"
            options.append(Option(key, label, disabled=not offered))
        return _select(
            "software",
            f"{prefix}-software",
            "SQL Server edition",
            chosen,
            options,
            wide=True,
        )

    # --- sections -----------------------------------------------------------------
    def section_offered(self, key: str) -> bool:
        keys = {
            "servers": ("server:cpu",),
            "hyperscale": ("server:cpu:hyperscale", "server:storage:hyperscale"),
            "relational_db": ("rdbs:single:cpu",),
            "simple_backup": ("server:storage:sbs-backups",),
            "intrusion_prevention": ("ips",),
            "appfog": ("appfog",),
        }.get(key)
        if key == "bare_metal":
            return self.table is None or any(
                k.startswith("baremetal:config:") for k in self.table.products
            )
        if keys is None:
            return True
        return self.offers(*keys)

    def services(self, section: SectionView) -> None:
        services = self.decoded.payload.get("services") or {}
        for key, spec in SERVICES.items():
            if spec.section != section.key:
                continue
            offered = self.offers(spec.product)
            unit_price, setup = "", ""
            if offered and self.table is not None:
                price = self.table.products[spec.product]
                rate = self.rate
                unit = (price.hourly or 0) * 720 if spec.hourly else price.monthly or 0
                unit_price = f"{unit * rate:,.2f}"
                if price.setup_fee:
                    setup = f"{price.setup_fee * rate:,.2f}"
            f = _number(
                key,
                key,
                spec.label if spec.whole else f"{spec.label} (GB)",
                _text(services.get(key)) or "0",
                0,
                1000 if spec.whole else 10_000_000,
                "1" if spec.whole else "any",
            )
            f.errors = self.take(f"services.{key}", key, spec.label)
            row = ServiceRow(key, f, spec.unit, unit_price, setup)
            row.unavailable = self.unavailable.get(f"services.{key}", "")
            if not offered:
                row.unavailable = row.unavailable or f"{spec.label}: {self.not_here()}."
            row.priced = self.priced.get(("service", key))
            section.services.append(row)

    def build(self) -> FormView:
        global_errors = {}
        for name, param in GLOBAL_FIELDS.items():
            global_errors[name] = self.take(name, param, GLOBAL_LABELS[name])
        for message in self.errors.get("non_field_errors", []):
            self.summary.append(("#estimator-form", message))
        payload = self.decoded.payload
        subtotals = {
            s["key"]: s["subtotal"] for s in (self.body or {}).get("sections", [])
        }
        sections = []
        for section in SECTIONS:
            view = SectionView(section.key, section.label, BLURBS[section.key])
            view.add_kind = SECTION_KIND.get(section.key, "")
            view.add_label = ADD_LABELS.get(view.add_kind, "")
            view.subtotal = subtotals.get(section.key, "0.00")
            view.offered = self.section_offered(section.key)
            if not view.offered:
                where = f" ({self.table.data_center_name})" if self.table else ""
                view.unavailable = f"{section.label}: {self.not_here()}{where}."
            if view.add_kind:
                kind = view.add_kind
                list_name = KINDS[kind][0]
                count = 0
                for i, item in enumerate(payload.get(list_name) or []):
                    if self.decoded.lines.get((list_name, i), ("",))[0] != kind:
                        continue
                    if not isinstance(item, dict):
                        continue
                    count += 1
                    view.rows.append(self.row(kind, count, list_name, i, item))
            else:
                self.services(view)
            sections.append(view)
        return FormView(sections, self.summary, global_errors)
