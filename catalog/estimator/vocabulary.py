"""What the estimator can price: line kinds, sections, managed applications, services,
and the ranges and defaults of the historical ctl.io estimator (docs: estimator.md)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

HOURS_IN_MONTH = Decimal(720)
DAYS_IN_MONTH = Decimal("30.41666667")
WEEKS_IN_MONTH = Decimal("4.345238095")

# usage period -> hours billed per unit of usage
HOURS_PER_USAGE = {
    "percentage_of_month": HOURS_IN_MONTH / 100,
    "hours_per_month": Decimal(1),
    "hours_per_week": WEEKS_IN_MONTH,
    "hours_per_day": DAYS_IN_MONTH,
}
USAGE_MAX = {
    "percentage_of_month": Decimal(100),
    "hours_per_month": Decimal(744),
    "hours_per_week": Decimal(168),
    "hours_per_day": Decimal(24),
}
PERIOD_LABELS = {
    "percentage_of_month": "% of month",
    "hours_per_month": "hours/month",
    "hours_per_week": "hours/week",
    "hours_per_day": "hours/day",
}

SUPPORT_PLANS = {
    "developer": "Developer",
    "professional": "Professional",
    "enterprise": "Enterprise",
}
OS_NAMES = {
    "linux": "Linux",
    "redhat": "Red Hat Enterprise Linux",
    "windows": "Windows",
}
MANAGEABLE_OS = ("redhat", "windows")

# Caps that keep one request cheap (issue: amplification by huge requests).
MAX_LINES = 50
MAX_QUANTITY = 10_000
MAX_INSTANCES = 100
MAX_SERVICE_COUNT = 1_000
MAX_GB = Decimal(10_000_000)


@dataclass(frozen=True)
class Bounds:
    """A number field's default and range: validation enforces them, the page's
    inputs carry them, so the two cannot drift apart."""

    default: Decimal
    low: Decimal
    high: Decimal
    whole: bool = True


def _bounds(default: int, low: int, high: int | Decimal, whole: bool = True) -> Bounds:
    return Bounds(Decimal(default), Decimal(low), Decimal(high), whole)


CPU = _bounds(1, 1, 16)
MEMORY = _bounds(1, 1, 128)
STORAGE = _bounds(1, 1, 4000)
HYPERSCALE_STORAGE = _bounds(1, 1, 1024)
QUANTITY = _bounds(1, 1, MAX_QUANTITY)
INSTANCES = _bounds(1, 1, MAX_INSTANCES)
APP_STORAGE = _bounds(1, 0, MAX_GB, whole=False)  # defaults to the server's storage
APPFOG_MEMORY = _bounds(1024, 1, 10240)  # MB per instance
BACKUP = {
    "storage": _bounds(1, 1, 4000, whole=False),
    "retention_days": _bounds(3, 1, 31),
    "daily_add_percent": _bounds(1, 0, 300, whole=False),
    "daily_delete_percent": _bounds(1, 0, 300, whole=False),
    "restore": _bounds(0, 0, 4000, whole=False),
}
DEFAULT_PERIOD = "percentage_of_month"


def usage_bounds(period: str) -> Bounds:
    """Usage runs to the period's length (100 % of a month, 24 hours a day)."""
    return _bounds(100, 0, USAGE_MAX[period], whole=False)


@dataclass(frozen=True)
class Section:
    key: str
    label: str


SECTIONS = (
    Section("servers", "Servers and managed services"),
    Section("hyperscale", "Hyperscale servers"),
    Section("bare_metal", "Bare Metal servers"),
    Section("relational_db", "Relational DB"),
    Section("simple_backup", "Simple Backup"),
    Section("intrusion_prevention", "Intrusion Prevention"),
    Section("appfog", "AppFog"),
    Section("network", "Network services"),
    Section("object_storage", "Object Storage"),
    Section("bandwidth", "Bandwidth"),
)
# A line's name for people is "<name> <n>", numbered from 1 in its section.
LINE_NAMES = {
    "servers": "Server",
    "hyperscale": "Hyperscale server",
    "bare_metal": "Bare Metal server",
    "relational_db": "Relational DB",
    "simple_backup": "Simple Backup",
    "intrusion_prevention": "Intrusion Prevention",
    "appfog": "AppFog deployment",
}


def line_name(section: str, number: int) -> str:
    return f"{LINE_NAMES[section]} {number}"


@dataclass(frozen=True)
class ManagedAppSpec:
    key: str
    label: str
    os: tuple[str, ...]
    instances: bool = False  # several instances per server (MySQL, MS SQL)
    licence: bool = False  # always priced with a software licence (MS SQL)
    per_gb: bool = False  # priced per GB a month (Managed Backup)


MANAGED_APPS = {
    app.key: app
    for app in (
        ManagedAppSpec("active-directory", "Managed Active Directory", ("windows",)),
        ManagedAppSpec(
            "ms-sql",
            "Managed Microsoft SQL Server",
            ("windows",),
            instances=True,
            licence=True,
        ),
        ManagedAppSpec("iis", "Managed Microsoft IIS", ("windows",)),
        ManagedAppSpec("apache", "Managed Apache HTTP Server", ("redhat",)),
        ManagedAppSpec("mysql", "Managed MySQL", ("redhat",), instances=True),
        ManagedAppSpec(
            "mysql-replication-master-master",
            "Managed MySQL replication (master/master)",
            ("redhat",),
        ),
        ManagedAppSpec(
            "mysql-replication-master-slave",
            "Managed MySQL replication (master/replica)",
            ("redhat",),
        ),
        ManagedAppSpec("tomcat", "Managed Tomcat", ("redhat",)),
        ManagedAppSpec("cloudera-express", "Cloudera Express", ("redhat",)),
        ManagedAppSpec("cloudera-cdh5-basic", "Cloudera CDH5 Basic", ("redhat",)),
        ManagedAppSpec(
            "cloudera-cdh5-basic-hbase", "Cloudera CDH5 Basic with HBase", ("redhat",)
        ),
        ManagedAppSpec(
            "cloudera-enterprise-data-hub", "Cloudera Enterprise Data Hub", ("redhat",)
        ),
        ManagedAppSpec("backup", "Managed Backup", ("redhat", "windows"), per_gb=True),
    )
}
MYSQL_REPLICATION = (
    "mysql-replication-master-master",
    "mysql-replication-master-slave",
)
DEFAULT_MS_SQL_LICENCE = "software:microsoft-sql-server-standard-edition"
MS_SQL_LICENCE_PREFIX = "software:microsoft-sql-server-"


@dataclass(frozen=True)
class ServiceSpec:
    key: str
    product: str
    label: str
    section: str
    unit: str
    hourly: bool = False  # priced hourly x 720 (shared load balancer)
    whole: bool = True  # a count (else GB, decimals allowed)

    @property
    def bounds(self) -> Bounds:
        return _bounds(0, 0, MAX_SERVICE_COUNT if self.whole else MAX_GB, self.whole)


SERVICES = {
    s.key: s
    for s in (
        ServiceSpec(
            "vpn", "networking-services:vpn", "VPN connections", "network", "connection"
        ),
        ServiceSpec(
            "firewall",
            "networking-services:firewall",
            "Additional VLANs / firewalls",
            "network",
            "VLAN",
        ),
        ServiceSpec(
            "shared-load-balancer",
            "networking-services:shared-load-balancer",
            "Shared load balancers",
            "network",
            "load balancer",
            hourly=True,
        ),
        ServiceSpec(
            "dedicated-load-balancer-200",
            "networking-services:dedicated-load-balancer-200",
            "Dedicated load balancers (200 Mbps)",
            "network",
            "load balancer",
        ),
        ServiceSpec(
            "dedicated-load-balancer-1000",
            "networking-services:dedicated-load-balancer-1000",
            "Dedicated load balancers (1000 Mbps)",
            "network",
            "load balancer",
        ),
        ServiceSpec(
            "external-ip-address",
            "networking-services:external-ip-address",
            "Public IP addresses",
            "network",
            "address",
        ),
        ServiceSpec(
            "object-storage",
            "networking:object-storage:enabled",
            "Object Storage",
            "object_storage",
            "GB",
            whole=False,
        ),
        ServiceSpec(
            "bandwidth",
            "networking:bandwidth",
            "Outbound bandwidth",
            "bandwidth",
            "GB",
            whole=False,
        ),
    )
}

BARE_METAL_CONFIGS = range(1, 9)  # the historical form offered up to 8 sheet configs
BARE_METAL_OS = range(1, 5)  # CentOS, Red Hat, Ubuntu, Windows Standard
BARE_METAL_CONFIG = _bounds(1, BARE_METAL_CONFIGS[0], BARE_METAL_CONFIGS[-1])
BARE_METAL_SYSTEM = _bounds(1, BARE_METAL_OS[0], BARE_METAL_OS[-1])

LINE_KINDS = (
    "servers",
    "relational_dbs",
    "simple_backups",
    "bare_metal",
    "intrusion_prevention",
    "appfog",
)
