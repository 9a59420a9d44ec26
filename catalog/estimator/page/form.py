"""The Online Estimator's form as plain view data: sections, lines, fields, errors in
the visitor's words, prices, and what the chosen data center cannot offer.

Field names are the URL encoding (catalog.estimator.encoding), so the page is a
plain GET form; the API's field paths (`servers[0].cpu`) never reach the visitor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from catalog.estimator.encoding import KINDS, Decoded
from catalog.estimator.line_pricing import service_unit_price
from catalog.estimator.page.controls import Field, number_field, text
from catalog.estimator.page.line_fields import LineFields
from catalog.estimator.prices import PriceTable
from catalog.estimator.vocabulary import LINE_NAMES, MANAGED_APPS, SECTIONS, SERVICES

# URL kind -> its section (and the kind of its priced lines, servers apart)
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
SECTION_PRODUCTS = {
    "servers": ("server:cpu",),
    "hyperscale": ("server:cpu:hyperscale", "server:storage:hyperscale"),
    "relational_db": ("rdbs:single:cpu",),
    "simple_backup": ("server:storage:sbs-backups",),
    "intrusion_prevention": ("ips",),
    "appfog": ("appfog",),
}
GLOBAL_FIELDS = {"data_center": "dc", "currency": "currency", "support": "support"}
GLOBAL_LABELS = {
    "data_center": "Data center",
    "currency": "Currency",
    "support": "Support plan",
}


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
        self.rate = rate
        self.fields = LineFields(table, tables, rate=rate, symbol=symbol)

    def take(self, path: str, id_: str, label: str) -> list[str]:
        """The errors of `path`, also listed in the summary, linked to `id_`."""
        messages = self.errors.get(path, [])
        for message in messages:
            self.summary.append((f"#{id_}", f"{label}: {message}"))
        return list(messages)

    # --- lines --------------------------------------------------------------------
    def row(self, kind: str, number: int, list_name: str, i: int, item: dict) -> Row:
        n = self.decoded.lines[(list_name, i)][1]
        prefix = f"{kind}{n}"
        name = f"{LINE_NAMES[KIND_SECTIONS[kind]]} {number}"
        builders = {
            "server": lambda: self.fields.server(kind, item, prefix),
            "hyperscale": lambda: self.fields.server(kind, item, prefix),
            "db": lambda: self.fields.db(item, prefix),
            "backup": lambda: self.fields.backup(item, prefix),
            "baremetal": lambda: self.fields.baremetal(item, prefix),
            "ips": lambda: self.fields.usage(item, prefix),
            "appfog": lambda: self.fields.appfog(item, prefix),
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
        servers = kind in ("server", "hyperscale")
        row.priced = self.priced.get(("server" if servers else KIND_SECTIONS[kind], i))
        if servers:
            self.apps(row, item, path, i)
            left_out = self.unavailable.get(path) or self.unavailable.get(
                f"{path}.managed"
            )
            for app in row.apps:
                if left_out and not app.unavailable:
                    app.unavailable = f"Not included: {row.name} is priced without it."
        return row

    def apps(self, row: Row, item: dict, path: str, i: int) -> None:
        os = text(item.get("os")) or "linux"
        present = set()
        mysql_instances = 0
        for j, app in enumerate(item.get("managed_apps") or []):
            key = str(app.get("key", ""))
            present.add(key)
            spec = MANAGED_APPS.get(key)
            label = spec.label if spec else key[:40]
            prefix = f"{row.prefix}-app-{key}"
            fields = self.fields.app(spec, app, item, prefix) if spec else []
            if key == "mysql" and fields and fields[0].value.isdigit():
                mysql_instances = int(fields[0].value)
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
        elif item.get("managed") is not True:
            row.app_hint = (
                "Choose Managed operating system to add managed applications."
            )
        else:
            row.app_chooser = self.fields.app_chooser(
                row.prefix, os, present, mysql_instances
            )

    # --- sections -------------------------------------------------------------------
    def section_offered(self, key: str) -> bool:
        if key == "bare_metal":
            return self.table is None or any(
                k.startswith("baremetal:config:") for k in self.table.products
            )
        keys = SECTION_PRODUCTS.get(key)
        return keys is None or self.fields.offers(*keys)

    def services(self, section: SectionView) -> None:
        services = self.decoded.payload.get("services") or {}
        for key, spec in SERVICES.items():
            if spec.section != section.key:
                continue
            offered = self.fields.offers(spec.product)
            unit_price, setup = "", ""
            if offered and self.table is not None:
                unit = service_unit_price(spec, self.table)
                unit_price = f"{unit * self.rate:,.2f}"
                setup_fee = self.table.products[spec.product].setup_fee
                if setup_fee:
                    setup = f"{setup_fee * self.rate:,.2f}"
            label = spec.label if spec.whole else f"{spec.label} (GB)"
            value = text(services.get(key)) or "0"
            f = number_field(key, key, label, value, spec.bounds)
            f.errors = self.take(f"services.{key}", key, spec.label)
            row = ServiceRow(key, f, spec.unit, unit_price, setup)
            row.unavailable = self.unavailable.get(f"services.{key}", "")
            if not offered:
                not_here = self.fields.not_here()
                row.unavailable = row.unavailable or f"{spec.label}: {not_here}."
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
                view.unavailable = f"{section.label}: {self.fields.not_here()}{where}."
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
