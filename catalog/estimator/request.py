"""The estimate request as typed lines, with the defaults the estimator assumes."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class ManagedApp:
    key: str
    instances: Decimal = Decimal(1)
    software_key: str = ""


@dataclass
class Server:
    type: str = "standard"
    os: str = "linux"
    cpu: Decimal = Decimal(1)
    memory: Decimal = Decimal(1)
    storage: Decimal = Decimal(0)
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"
    managed: bool = False
    managed_apps: list[ManagedApp] = field(default_factory=list)


@dataclass
class RelationalDb:
    type: str = "single"
    cpu: Decimal = Decimal(1)
    memory: Decimal = Decimal(1)
    storage: Decimal = Decimal(1)
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"


@dataclass
class SimpleBackup:
    storage: Decimal = Decimal(0)
    retention_days: int = 1
    daily_add_percent: Decimal = Decimal(0)
    daily_delete_percent: Decimal = Decimal(0)
    restore: Decimal = Decimal(0)


@dataclass
class BareMetal:
    config: int = 1
    os: int = 1
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"


@dataclass
class HourlyItem:
    quantity: Decimal = Decimal(1)
    usage: Decimal = Decimal(100)
    usage_period: str = "percentage_of_month"


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
