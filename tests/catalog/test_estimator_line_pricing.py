"""How each kind of line is priced: the backup simulation, services' unit prices,
the items of servers, their applications and databases (VA1 prices as in
test_estimator_engine)."""

from decimal import Decimal

import pytest

from catalog.estimator.line_pricing import (
    backup_average_storage,
    relational_db_line,
    server_lines,
    service_unit_price,
)
from catalog.estimator.prices import PriceTable
from catalog.estimator.request import ManagedApp, RelationalDb, Server
from catalog.estimator.vocabulary import SERVICES
from catalog.price_tables import PriceTables


@pytest.fixture
def va1(prices) -> PriceTable:
    return PriceTables().get("VA1")


def test_simple_backup_without_deletions_grows_daily():
    mean = backup_average_storage(Decimal(100), 3, Decimal(1), Decimal(0))
    expected = sum(Decimal(100) * Decimal("1.01") ** d for d in range(1, 31)) / 30
    assert abs(mean - expected) < Decimal("1e-9")


def test_service_unit_prices_hourly_ones_run_all_month(va1):
    assert service_unit_price(SERVICES["shared-load-balancer"], va1) == Decimal(
        "28.80"
    )  # .04 x 720
    assert service_unit_price(SERVICES["vpn"], va1) == Decimal(45)
    assert service_unit_price(SERVICES["bandwidth"], va1) == Decimal("0.05")


def test_a_managed_server_line_then_one_line_per_application(va1):
    server = Server(
        index=3,
        os="windows",
        managed=True,
        cpu=Decimal(2),
        quantity=Decimal(2),
        managed_apps=[ManagedApp("iis", index=0), ManagedApp("active-directory", 1)],
    )
    lines = server_lines(1, server, va1)
    assert [(x.kind, x.index, x.app_index) for x in lines] == [
        ("server", 3, None),
        ("managed_app", 3, 0),
        ("managed_app", 3, 1),
    ]
    own = lines[0]
    assert [i.label for i in own.items] == [
        "vCPU",
        "Memory",
        "Windows licence",
        "Managed operating system",
        "Storage",
    ]
    assert [i.quantity for i in own.items] == [4, 2, 4, 2, 2]
    assert own.label == "Server 1: managed Windows, 2 vCPU, 1 GB RAM, 1 GB storage"
    # licence 2 vCPU x 2 servers x .04 x 720; management of one instance .21 x 720
    assert (own.os_licence, own.managed) == (Decimal("115.2"), Decimal("151.2"))
    iis = lines[1]
    assert iis.name == "Managed Microsoft IIS on Server 1"
    assert iis.description == "1 instance per server"
    assert iis.managed == iis.monthly == Decimal("302.4")  # .21 x 2 x 720
    hyperscale = server_lines(1, Server(type="hyperscale", **_managed_iis()), va1)
    assert hyperscale[0].name == "Hyperscale server 1"
    assert [x.managed for x in hyperscale] == [0, 0]  # support counts all of it


def _managed_iis() -> dict:
    return {"os": "windows", "managed": True, "managed_apps": [ManagedApp("iis")]}


def test_relational_db_items_and_description(va1):
    db = RelationalDb(
        type="replicated",
        cpu=Decimal(2),
        memory=Decimal(4),
        storage=Decimal(10),
        quantity=Decimal(2),
    )
    line = relational_db_line(2, db, va1)
    assert line.name == "Relational DB 2"
    assert line.description == "replicated, 2 vCPU, 4 GB RAM, 10 GB storage"
    # (2 x .018 + 4 x .027) x 2 x 720 = 207.36; 10 GB x .0008 x 720 x 2 = 11.52
    assert [i.monthly for i in line.items] == [
        Decimal("51.84"),
        Decimal("155.52"),
        Decimal("11.52"),
    ]
    assert line.monthly == Decimal("218.88")
