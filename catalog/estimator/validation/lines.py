"""The line kinds besides servers: Relational DB, Simple Backup, Bare Metal,
Intrusion Prevention and AppFog."""

from __future__ import annotations

from catalog.estimator.request import (
    AppFog,
    BareMetal,
    HourlyLine,
    RelationalDb,
    SimpleBackup,
)
from catalog.estimator.validation.checker import Checker
from catalog.estimator.vocabulary import (
    APPFOG_MEMORY,
    BACKUP,
    BARE_METAL_CONFIG,
    BARE_METAL_SYSTEM,
    STORAGE,
    line_name,
)

DB_TYPES = {"single": "single", "replicated": "replicated"}


def _offered(
    c: Checker, path: str, kind: str, number: int, what: str, keys: tuple[str, ...]
) -> bool:
    """Whether the price book has every key; if not, the line is noted not offered."""
    if c.missing(*keys):
        c.not_offered(path, kind, line_name(kind, number), what, keys)
        return False
    return True


def read_relational_db(
    c: Checker, i: int, path: str, item: dict, number: int
) -> RelationalDb | None:
    d = RelationalDb(index=i, number=number)
    d.type = c.choice(item, path, "type", DB_TYPES, "single")
    c.size(item, path, d, STORAGE)
    c.hourly(item, path, d)
    keys = tuple(f"rdbs:{d.type}:{part}" for part in ("cpu", "memory", "storage"))
    if not _offered(c, path, "relational_db", number, "Relational DB is", keys):
        return None
    return d


def read_simple_backup(
    c: Checker, i: int, path: str, item: dict, number: int
) -> SimpleBackup | None:
    b = SimpleBackup(index=i, number=number)
    b.storage = c.number(item, path, "storage", BACKUP["storage"])
    b.retention_days = int(
        c.number(item, path, "retention_days", BACKUP["retention_days"])
    )
    for name in ("daily_add_percent", "daily_delete_percent", "restore"):
        setattr(b, name, c.number(item, path, name, BACKUP[name]))
    keys = ("server:storage:sbs-backups", "server:storage:sbs-restore")
    if not _offered(c, path, "simple_backup", number, "Simple Backup is", keys):
        return None
    return b


def read_bare_metal(
    c: Checker, i: int, path: str, item: dict, number: int
) -> BareMetal | None:
    m = BareMetal(index=i, number=number)
    m.config = int(c.number(item, path, "config", BARE_METAL_CONFIG))
    m.os = int(c.number(item, path, "os", BARE_METAL_SYSTEM))
    c.hourly(item, path, m)
    name = line_name("bare_metal", number)
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


def read_intrusion_prevention(
    c: Checker, i: int, path: str, item: dict, number: int
) -> HourlyLine | None:
    x = HourlyLine(index=i, number=number)
    c.hourly(item, path, x)
    what = "Intrusion Prevention is"
    if not _offered(c, path, "intrusion_prevention", number, what, ("ips",)):
        return None
    return x


def read_appfog(
    c: Checker, i: int, path: str, item: dict, number: int
) -> AppFog | None:
    x = AppFog(index=i, number=number)
    c.hourly(item, path, x)
    x.memory = c.number(item, path, "memory", APPFOG_MEMORY)
    if not _offered(c, path, "appfog", number, "AppFog is", ("appfog",)):
        return None
    return x
