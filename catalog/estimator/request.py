"""The estimate request as typed lines, with the historical estimator's defaults."""

from dataclasses import dataclass, field
from decimal import Decimal

from catalog.estimator.vocabulary import (
    APPFOG_MEMORY,
    BACKUP,
    CPU,
    DEFAULT_PERIOD,
    MEMORY,
    QUANTITY,
    STORAGE,
    usage_bounds,
)


@dataclass
class Line:
    """A line of the request: `index` is its position in the request's list, `number`
    its visitor-facing number within its section (Server 1, Hyperscale server 1)."""

    index: int = 0
    number: int = 0


@dataclass
class HourlyLine(Line):
    """A line billed by the hour: `quantity` of it for `usage` per `usage_period`."""

    quantity: Decimal = QUANTITY.default
    usage: Decimal = usage_bounds(DEFAULT_PERIOD).default
    usage_period: str = DEFAULT_PERIOD


@dataclass
class SizedLine(HourlyLine):
    """A machine sized by vCPU, memory (GB) and storage (GB)."""

    cpu: Decimal = CPU.default
    memory: Decimal = MEMORY.default
    storage: Decimal = STORAGE.default


@dataclass
class ManagedApp:
    key: str
    index: int = 0
    instances: int = 1
    software_key: str = ""  # MS SQL: the licence (Standard Edition unless named)
    storage: Decimal = Decimal(0)  # Managed Backup: GB protected per server


@dataclass
class Server(SizedLine):
    type: str = "standard"
    os: str = "linux"
    managed: bool = False
    managed_apps: list[ManagedApp] = field(default_factory=list)


@dataclass
class RelationalDb(SizedLine):
    type: str = "single"


@dataclass
class SimpleBackup(Line):
    storage: Decimal = BACKUP["storage"].default
    retention_days: int = int(BACKUP["retention_days"].default)
    daily_add_percent: Decimal = BACKUP["daily_add_percent"].default
    daily_delete_percent: Decimal = BACKUP["daily_delete_percent"].default
    restore: Decimal = BACKUP["restore"].default


@dataclass
class BareMetal(HourlyLine):
    config: int = 1
    os: int = 1


@dataclass
class AppFog(HourlyLine):
    memory: Decimal = APPFOG_MEMORY.default


@dataclass(slots=True)
class Unavailable:
    """A line or option the data center does not offer, left out of the estimate."""

    path: str
    section: str
    line: str
    reason: str


@dataclass
class EstimateRequest:
    data_center: str = "VA1"
    currency: str = "USD"
    support: str = "developer"
    servers: list[Server] = field(default_factory=list)
    relational_dbs: list[RelationalDb] = field(default_factory=list)
    simple_backups: list[SimpleBackup] = field(default_factory=list)
    bare_metal: list[BareMetal] = field(default_factory=list)
    intrusion_prevention: list[HourlyLine] = field(default_factory=list)
    appfog: list[AppFog] = field(default_factory=list)
    services: dict[str, Decimal] = field(default_factory=dict)
    skip_unavailable: bool = False
    # filled by validation when skip_unavailable: what the data center cannot price
    unavailable: list[Unavailable] = field(default_factory=list)
