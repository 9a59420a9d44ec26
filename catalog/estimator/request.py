"""The estimate request as typed lines, with the historical estimator's defaults."""

from dataclasses import dataclass, field
from decimal import Decimal

PCT = "percentage_of_month"


@dataclass
class Line:
    """A line of the request: `index` is its position in the request's list, `number`
    its visitor-facing number within its section (Server 1, Hyperscale server 1)."""

    index: int = 0
    number: int = 0


@dataclass
class ManagedApp:
    key: str
    index: int = 0
    instances: int = 1
    software_key: str = ""  # MS SQL: the licence (Standard Edition unless named)
    storage: Decimal = Decimal(0)  # Managed Backup: GB protected per server


@dataclass
class Server(Line):
    type: str = "standard"
    os: str = "linux"
    cpu: Decimal = Decimal(1)
    memory: Decimal = Decimal(1)
    storage: Decimal = Decimal(1)
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = PCT
    managed: bool = False
    managed_apps: list[ManagedApp] = field(default_factory=list)


@dataclass
class RelationalDb(Line):
    type: str = "single"
    cpu: Decimal = Decimal(1)
    memory: Decimal = Decimal(1)
    storage: Decimal = Decimal(1)
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = PCT


@dataclass
class SimpleBackup(Line):
    storage: Decimal = Decimal(1)
    retention_days: int = 3
    daily_add_percent: Decimal = Decimal(1)
    daily_delete_percent: Decimal = Decimal(1)
    restore: Decimal = Decimal(0)


@dataclass
class BareMetal(Line):
    config: int = 1
    os: int = 1
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = PCT


@dataclass
class HourlyItem(Line):
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = PCT


@dataclass
class AppFog(HourlyItem):
    memory: Decimal = Decimal(1024)


@dataclass
class EstimateRequest:
    data_center: str = "VA1"
    currency: str = "USD"
    support: str = "developer"
    servers: list[Server] = field(default_factory=list)
    relational_dbs: list[RelationalDb] = field(default_factory=list)
    simple_backups: list[SimpleBackup] = field(default_factory=list)
    bare_metal: list[BareMetal] = field(default_factory=list)
    intrusion_prevention: list[HourlyItem] = field(default_factory=list)
    appfog: list[AppFog] = field(default_factory=list)
    services: dict[str, Decimal] = field(default_factory=dict)
    skip_unavailable: bool = False
    # filled by validation when skip_unavailable: what the data center cannot price
    unavailable: list = field(default_factory=list)
