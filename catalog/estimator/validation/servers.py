"""Servers (standard and hyperscale) and their managed applications: the operating
system, management, which applications run where, their licences and instances."""

from __future__ import annotations

from typing import Any

from catalog.estimator.request import ManagedApp, Server
from catalog.estimator.validation.checker import Checker
from catalog.estimator.validation.values import read_flag, unknown_keys
from catalog.estimator.vocabulary import (
    APP_STORAGE,
    DEFAULT_MS_SQL_LICENCE,
    HYPERSCALE_STORAGE,
    INSTANCES,
    MANAGEABLE_OS,
    MANAGED_APPS,
    MS_SQL_LICENCE_PREFIX,
    MYSQL_REPLICATION,
    OS_NAMES,
    STORAGE,
    line_name,
)

APP_FIELDS = {"key", "instances", "software", "storage"}
SERVER_TYPES = {"standard": "standard", "hyperscale": "hyperscale"}


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
    server_name: str,
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
        app.instances = int(c.number(item, path, "instances", INSTANCES))
    elif item.get("instances") not in (None, 1, "1"):
        c.errors.add(
            f"{path}.instances",
            "Only MySQL and Microsoft SQL Server run several instances per server.",
        )
    if spec.per_gb:
        app.storage = c.number(item, path, "storage", APP_STORAGE, server.storage)
    app.software_key = _software(item.get("software"), key, f"{path}.software", c)
    product = f"managed-apps:{key}"
    keys = (product, app.software_key) if app.software_key else (product,)
    if c.missing(*keys):
        what = f"{spec.label} is" if c.missing(product) else "This software licence is"
        c.not_offered(
            path,
            section,
            server_name,
            what,
            keys,
            f" {server_name} is priced without it.",
        )
        return None
    if c.table is not None and product in c.table.products:
        price = c.table.products[product]
        if (price.monthly if spec.per_gb else price.hourly) is None:
            c.errors.add(path, f"{spec.label} has no published price.")
            return None
    return app


def read_server(
    c: Checker, i: int, path: str, item: dict, number: int
) -> Server | None:
    s = Server(index=i, number=number)
    s.type = c.choice(item, path, "type", SERVER_TYPES, "standard")
    s.os = c.choice(item, path, "os", OS_NAMES, "linux")
    hyperscale = s.type == "hyperscale"
    c.size(item, path, s, HYPERSCALE_STORAGE if hyperscale else STORAGE)
    c.hourly(item, path, s)
    s.managed = read_flag(item.get("managed"), f"{path}.managed", c.errors)
    section = "hyperscale" if hyperscale else "servers"
    name = line_name(section, number)
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
    _read_apps(c, s, item.get("managed_apps"), path, name)
    return s


def _read_apps(c: Checker, s: Server, raw_apps: Any, path: str, name: str) -> None:
    if raw_apps is None:
        return
    if not isinstance(raw_apps, list):
        c.errors.add(f"{path}.managed_apps", "Expected a list of applications.")
        return
    if len(raw_apps) > len(MANAGED_APPS):
        c.errors.add(
            f"{path}.managed_apps",
            f"A server can have at most {len(MANAGED_APPS)} managed applications.",
        )
        return
    seen: set[str] = set()
    for j, app_item in enumerate(raw_apps):
        apath = f"{path}.managed_apps[{j}]"
        if not isinstance(app_item, dict):
            c.errors.add(apath, "Expected an object.")
            continue
        unknown_keys(app_item, APP_FIELDS, apath, c.errors)
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


def _check_replication(c: Checker, s: Server, path: str) -> None:
    mysql = next((a for a in s.managed_apps if a.key == "mysql"), None)
    for app in s.managed_apps:
        if app.key in MYSQL_REPLICATION and (mysql is None or mysql.instances < 2):
            c.errors.add(
                f"{path}.managed_apps[{app.index}].key",
                "MySQL replication needs Managed MySQL with at least 2 instances on"
                " the same server.",
            )
