"""The estimate in a URL: the query-string encoding shared by the page's GET form,
share links and `GET /api/estimator/`, and its translation to and from the JSON.

    dc=GB3&currency=EUR&support=professional
    &server1-os=windows&server1-cpu=4&server1-managed=on&server1-app-ms-sql=2
    &hyperscale1-os=linux&hyperscale1-storage=500&backup1-storage=200&vpn=1

Lines are `<kind><n>-<field>` (n from 1, per kind); a server's managed applications are
`server<n>-app-<key>=<instances>` with `-software` (MS SQL edition) and `-storage`
(Managed Backup GB); services are `<service>=<quantity>`. Omitted fields take the
documented defaults, which are part of this encoding and never change. Canonical
URLs list every line with its first field and every field that differs from its
default, in a fixed order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from catalog.estimator.vocabulary import MAX_LINES, SERVICES

SERVER_FIELDS = (
    "os",
    "cpu",
    "memory",
    "storage",
    "quantity",
    "usage",
    "usage_period",
    "managed",
)
# url kind -> (JSON list, fixed JSON fields, fields in order: first marks the line)
KINDS: dict[str, tuple[str, dict[str, str], tuple[str, ...]]] = {
    "server": ("servers", {"type": "standard"}, SERVER_FIELDS),
    "hyperscale": ("servers", {"type": "hyperscale"}, SERVER_FIELDS),
    "db": (
        "relational_dbs",
        {},
        ("type", "cpu", "memory", "storage", "quantity", "usage", "usage_period"),
    ),
    "backup": (
        "simple_backups",
        {},
        (
            "storage",
            "retention_days",
            "daily_add_percent",
            "daily_delete_percent",
            "restore",
        ),
    ),
    "baremetal": (
        "bare_metal",
        {},
        ("config", "os", "quantity", "usage", "usage_period"),
    ),
    "ips": ("intrusion_prevention", {}, ("quantity", "usage", "usage_period")),
    "appfog": ("appfog", {}, ("memory", "quantity", "usage", "usage_period")),
}
USAGE_DEFAULTS = {
    "quantity": "1",
    "usage": "100",
    "usage_period": "percentage_of_month",
}
SERVER_DEFAULTS = {"os": "linux", "cpu": "1", "memory": "1", "storage": "1"}
DEFAULTS: dict[str, dict[str, str]] = {
    "server": SERVER_DEFAULTS,
    "hyperscale": SERVER_DEFAULTS,
    "db": {"type": "single", "cpu": "1", "memory": "1", "storage": "1"},
    "backup": {
        "storage": "1",
        "retention_days": "3",
        "daily_add_percent": "1",
        "daily_delete_percent": "1",
        "restore": "0",
    },
    "baremetal": {"config": "1", "os": "1"},
    "ips": {},
    "appfog": {"memory": "1024"},
}
for _kind in ("server", "hyperscale", "db", "baremetal", "ips", "appfog"):
    DEFAULTS[_kind] = {**USAGE_DEFAULTS, **DEFAULTS[_kind]}
GLOBALS = {"dc": ("data_center", "VA1"), "currency": ("currency", "USD")}
GLOBALS["support"] = ("support", "developer")
TRUE = {"on", "1", "true", "yes"}
FALSE = {"", "0", "false", "off", "no"}
LINE_PARAM = re.compile(
    r"^(server|hyperscale|db|backup|baremetal|ips|appfog)(\d{1,3})-(.{1,80})$"
)
APP_SUFFIXES = ("-software", "-storage")
SOFTWARE_PREFIX = "software:"


@dataclass
class Decoded:
    """The JSON payload and, for each JSON line, the URL line it came from."""

    payload: dict[str, Any]
    lines: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    apps: dict[tuple[int, int], str] = field(default_factory=dict)
    price_book: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # page controls (add, remove)


def _is_default(value: Any, default: str) -> bool:
    if value == default:
        return True
    try:
        return Decimal(str(value)) == Decimal(default)
    except (InvalidOperation, ValueError):
        return False


def _group(pairs: Iterable[tuple[str, str]]) -> tuple[dict, dict, dict]:
    """(line fields by (kind, n), app fields by (kind, n) -> key -> field, others)."""
    lines: dict[tuple[str, int], dict[str, str]] = {}
    apps: dict[tuple[str, int], dict[str, dict[str, str]]] = {}
    other: dict[str, str] = {}
    for name, value in pairs:
        match = LINE_PARAM.match(name)
        if match is None:
            other[name] = value
            continue
        kind, n, rest = match.group(1), int(match.group(2)), match.group(3)
        if n < 1:
            continue
        if (kind, n) not in lines and len(lines) > MAX_LINES:
            continue  # validation reports the excess; do no more work for it
        fields = lines.setdefault((kind, n), {})
        if rest.startswith("app-") and kind in ("server", "hyperscale"):
            key, part = rest[4:], "instances"
            for suffix in APP_SUFFIXES:
                if key.endswith(suffix):
                    key, part = key[: -len(suffix)], suffix[1:]
            apps.setdefault((kind, n), {}).setdefault(key, {})[part] = value
        elif rest == "add_app":
            if value:
                apps.setdefault((kind, n), {}).setdefault(value, {})
        else:
            fields[rest] = value
    return lines, apps, other


def _app_json(key: str, parts: dict[str, str]) -> dict[str, Any]:
    app: dict[str, Any] = {"key": key}
    if parts.get("instances"):
        app["instances"] = parts["instances"]
    if parts.get("software"):
        software = parts["software"]
        app["software"] = (
            software
            if software.startswith(SOFTWARE_PREFIX)
            else SOFTWARE_PREFIX + software
        )
    if parts.get("storage"):
        app["storage"] = parts["storage"]
    return app


def decode(pairs: Iterable[tuple[str, str]]) -> Decoded:
    """Query pairs (last value wins) -> the API's JSON payload, with provenance."""
    lines, apps, other = _group(pairs)
    payload: dict[str, Any] = {}
    decoded = Decoded(payload)
    for param, (name, _) in GLOBALS.items():
        if other.get(param):
            payload[name] = other[param]
    decoded.price_book = other.get("pb", "")[:64]
    order = list(KINDS)
    for kind, n in sorted(lines, key=lambda k: (order.index(k[0]), k[1])):
        list_name, fixed, _ = KINDS[kind]
        item: dict[str, Any] = {**fixed}
        for name, value in lines[(kind, n)].items():
            if name in fixed:
                continue  # the URL kind says it (server or hyperscale)
            if name == "managed":
                item[name] = (
                    True
                    if value.lower() in TRUE
                    else False
                    if value.lower() in FALSE
                    else value
                )
            else:
                item[name] = value
        target = payload.setdefault(list_name, [])
        line_apps = apps.get((kind, n), {})
        if line_apps:
            item["managed_apps"] = [
                _app_json(key, parts) for key, parts in line_apps.items()
            ]
            for j, key in enumerate(line_apps):
                decoded.apps[(len(target), j)] = key
        decoded.lines[(list_name, len(target))] = (kind, n)
        target.append(item)
    services = {key: other[key] for key in SERVICES if other.get(key, "") != ""}
    if services:
        payload["services"] = services
    decoded.extra = {
        k: v for k, v in other.items() if k in ("add", "remove", "compare", "view")
    }
    return decoded


def _plain(value: Any) -> str:
    if value is True:
        return "on"
    return str(value)


def encode(payload: dict[str, Any], *, price_book: str = "") -> str:
    """The canonical query string of a JSON payload (valid or not)."""
    params: list[tuple[str, str]] = []
    for param, (name, default) in GLOBALS.items():
        value = payload.get(name)
        if param == "dc":  # always there: a URL without parameters is a new estimate
            params.append((param, _plain(default if value is None else value)))
        elif value is not None and value != default:
            params.append((param, _plain(value)))
    counters: dict[str, int] = {}
    for kind, (list_name, _, fields) in KINDS.items():
        items = payload.get(list_name)
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict):
                continue
            hyperscale = item.get("type") == "hyperscale"
            if list_name == "servers" and hyperscale != (kind == "hyperscale"):
                continue
            counters[kind] = counters.get(kind, 0) + 1
            prefix = f"{kind}{counters[kind]}-"
            for i, name in enumerate(fields):
                value = item.get(name)
                if name == "managed":
                    if value is True:
                        params.append((prefix + name, "on"))
                    elif value not in (None, False):
                        params.append((prefix + name, _plain(value)))
                    continue
                default = DEFAULTS[kind].get(name, "")
                if value is None:
                    if i == 0:
                        params.append((prefix + name, default))
                    continue
                if i == 0 or not _is_default(value, default):
                    params.append((prefix + name, _plain(value)))
            for app in item.get("managed_apps") or []:
                if not isinstance(app, dict) or not isinstance(app.get("key"), str):
                    continue
                app_prefix = f"{prefix}app-{app['key']}"
                params.append((app_prefix, _plain(app.get("instances") or 1)))
                software = app.get("software")
                if isinstance(software, str) and software:
                    params.append(
                        (
                            f"{app_prefix}-software",
                            software.removeprefix(SOFTWARE_PREFIX),
                        )
                    )
                if app.get("storage") not in (None, ""):
                    params.append((f"{app_prefix}-storage", _plain(app["storage"])))
    services = payload.get("services")
    if isinstance(services, dict):
        for key in SERVICES:
            value = services.get(key)
            if value not in (None, "", 0, "0"):
                params.append((key, _plain(value)))
    if price_book:
        params.append(("pb", price_book))
    return urlencode(params, errors="replace")


def apply_edit(decoded: Decoded) -> bool:
    """Apply the page's Add/Remove buttons (`add=server`, `remove=server2`,
    `add=server1-app` with `server1-add_app`, `remove=server1-app-mysql`) to the
    payload; True when something changed (the page then redirects to the canonical
    URL, so reloading never adds or removes twice)."""
    add, remove = decoded.extra.get("add", ""), decoded.extra.get("remove", "")
    payload = decoded.payload
    by_url = {v: k for k, v in decoded.lines.items()}
    if add in KINDS:
        list_name, fixed, fields = KINDS[add]
        target = payload.setdefault(list_name, [])
        if sum(len(v) for k, v in payload.items() if isinstance(v, list)) < MAX_LINES:
            new = {**fixed, fields[0]: DEFAULTS[add].get(fields[0], "")}
            # a new line goes after the last line of its URL kind
            positions = [i for (ln, i), (k, _) in decoded.lines.items() if k == add]
            target.insert(max(positions) + 1 if positions else len(target), new)
        return True
    match = re.fullmatch(
        r"([a-z]+)(\d{1,3})(?:-app-([a-z0-9-]{1,60}))?",
        remove or add.removesuffix("-app"),
    )
    if match is None:
        return False
    located = by_url.get((match.group(1), int(match.group(2))))
    if located is None:
        return bool(add or remove)
    list_name, index = located
    item = payload[list_name][index]
    if add:  # add=server1-app: the chosen application was already added by decode
        return True
    if match.group(3):
        item["managed_apps"] = [
            a for a in item.get("managed_apps", []) if a.get("key") != match.group(3)
        ]
    else:
        payload[list_name][index] = None
        payload[list_name] = [x for x in payload[list_name] if x is not None]
    return True
