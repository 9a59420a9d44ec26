"""Hand-computed cases for every line kind, usage period, support and currency."""

from decimal import Decimal

import pytest

from catalog.estimator import estimate, parse_request
from catalog.estimator.engine import backup_average_storage, support_charge
from catalog.price_tables import PriceTables

pytestmark = pytest.mark.django_db


def run(payload: dict) -> dict:
    request, errors = parse_request(payload, PriceTables())
    assert not errors, errors
    return estimate(request, PriceTables().get(request.data_center)).as_json()


def errors_of(payload: dict) -> dict:
    _, errors = parse_request(payload, PriceTables())
    return errors


def monthly(payload: dict) -> str:
    return run(payload)["lines"][0]["monthly"]


def test_standard_linux_server(prices):
    # (2*0.01 + 4*0.015) * 720 = 57.60; storage 50 * 0.12 = 6.00
    assert monthly({"servers": [{"cpu": 2, "memory": 4, "storage": 50}]}) == "63.60"


def test_server_quantity_and_os_licence(prices):
    # windows: (1*0.01 + 2*0.015 + 1*0.04) * 720 = 57.60 per instance; x3 = 172.80
    # storage 10 GB * 0.12 * 3 = 3.60
    line = {"os": "windows", "cpu": 1, "memory": 2, "storage": 10, "quantity": 3}
    assert monthly({"servers": [line]}) == "176.40"


def test_hyperscale_server_storage_is_hourly_times_720(prices):
    # (1*0.01 + 1*0.015)*720 = 18.00; storage 100 * 0.0005 * 720 = 36.00
    line = {"type": "hyperscale", "cpu": 1, "memory": 1, "storage": 100}
    assert monthly({"servers": [line]}) == "54.00"


def test_managed_redhat_with_app_and_software(prices):
    # hourly 2*0.01 + 4*0.015 + 2*0.04 + 0.21 = 0.37 -> 266.40; storage 50*0.12 = 6
    # ms-sql 0.48*720 = 345.60; SQL Std 0.1083*2*720 = 155.952 -> 773.952
    line = {
        "os": "redhat",
        "cpu": 2,
        "memory": 4,
        "storage": 50,
        "managed": True,
        "managed_apps": [
            {
                "key": "ms-sql",
                "instances": 1,
                "software": "Microsoft SQL Server Standard Edition",
            }
        ],
    }
    assert monthly({"servers": [line]}) == "773.95"


@pytest.mark.parametrize(
    ("usage", "period", "expected"),
    [
        (50, "percentage_of_month", "36.00"),  # 360 h
        (100, "hours_per_month", "10.00"),  # 100 h
        (40, "hours_per_week", "17.38"),  # 173.8095238 h
        (8, "hours_per_day", "24.33"),  # 243.3333334 h
    ],
)
def test_usage_periods(prices, usage, period, expected):
    # ips hourly 0.07... use a server of 0.1/h: cpu 4 x 0.01 + memory 4 x 0.015
    line = {"cpu": 4, "memory": 4, "storage": 0, "usage": usage, "usage_period": period}
    assert monthly({"servers": [line]}) == expected


def test_relational_db(prices):
    # (2*0.018 + 4*0.027)*720 = 103.68; storage 10 * 0.0008*720 = 5.76; x2
    line = {"type": "replicated", "cpu": 2, "memory": 4, "storage": 10, "quantity": 2}
    assert monthly({"relational_dbs": [line]}) == "218.88"


def test_simple_backup_simulation():
    # no deletions: storage grows 1% a day for 30 days, mean of days 1..30
    mean = backup_average_storage(Decimal(100), 3, Decimal(1), Decimal(0))
    expected = sum(Decimal(100) * Decimal("1.01") ** d for d in range(1, 31)) / 30
    assert abs(mean - expected) < Decimal("1e-9")


def test_simple_backup_retention_drops_deleted_after_retention(prices):
    # add 0, delete 10%: deleted 10 GB queued daily, dropped after 3 days
    # days 1..3: 100; day 4: 90; day 5: 81; ... storage drops by 10% of day n-3 value
    mean = backup_average_storage(Decimal(100), 3, Decimal(0), Decimal(10))
    storage, queue, recorded = Decimal(100), [], []
    for _ in range(30):
        queue.append(storage / 10)
        dropped = queue.pop(0) if len(queue) > 3 else 0
        storage = max(storage - dropped, 0)
        recorded.append(storage)
    assert abs(mean - sum(recorded) / 30) < Decimal("1e-9")
    line = {
        "storage": 100,
        "retention_days": 3,
        "daily_delete_percent": 10,
        "restore": 20,
    }
    expected = mean * Decimal("0.1") + 20 * Decimal("0.1")
    assert monthly({"simple_backups": [line]}) == str(
        expected.quantize(Decimal("0.01"))
    )


def test_bare_metal_uses_sockets(prices):
    # config 2 (2 sockets) 1.65*720 = 1188; Windows DC 0.279 * 2 sockets * 720 = 401.76
    assert monthly({"bare_metal": [{"config": 2, "os": 5}]}) == "1589.76"


def test_intrusion_prevention_and_appfog(prices):
    body = run(
        {
            "intrusion_prevention": [{"quantity": 2}],
            "appfog": [
                {
                    "memory": 512,
                    "quantity": 3,
                    "usage": 100,
                    "usage_period": "hours_per_month",
                }
            ],
        }
    )
    # ips 0.07*720*2 = 100.80; appfog 0.04 * 3 * 0.5 * 100 = 6.00
    assert [line["monthly"] for line in body["lines"]] == ["100.80", "6.00"]


def test_services_and_setup_fees(prices):
    body = run(
        {
            "services": {
                "vpn": 1,
                "firewall": 2,
                "external-ip-address": 3,
                "shared-load-balancer": 1,
                "dedicated-load-balancer-200": 1,
                "dedicated-load-balancer-1000": 1,
                "object-storage": 100,
                "bandwidth": 1000,
            }
        }
    )
    by_key = {line["index"]: line["monthly"] for line in body["lines"]}
    assert by_key == {
        "vpn": "45.00",
        "firewall": "90.00",
        "external-ip-address": "6.00",
        "shared-load-balancer": "28.80",
        "dedicated-load-balancer-200": "260.00",
        "dedicated-load-balancer-1000": "780.00",
        "object-storage": "4.00",
        "bandwidth": "50.00",
    }
    assert body["setup_fees"] == "780.00"
    assert body["usage_total"] == "1263.80"  # setup fees not in the monthly total
    assert body["monthly_total"] == "1263.80"


def test_support_tier_example():
    tiers = (
        (Decimal(10000), Decimal("0.1")),
        (Decimal(80000), Decimal("0.07")),
        (Decimal(250000), Decimal("0.05")),
        (Decimal(1000000), Decimal("0.03")),
    )
    assert support_charge(Decimal(95000), tiers) == Decimal(6650)
    assert support_charge(Decimal(0), tiers) == 0
    assert support_charge(Decimal(5000), tiers) == 500
    # estimator.md defines bands up to 1,000,000 only: nothing more is charged above
    assert support_charge(Decimal(2_000_000), tiers) == 1000 + 4900 + 8500 + 22500


def test_support_excludes_os_licence_and_managed_parts(prices):
    # managed windows: total 773.952 (see above, with windows); base excludes
    # os licence 57.60 and managed 151.20 + 501.552: base 63.60 -> 10% = 6.36
    line = {
        "os": "windows",
        "cpu": 2,
        "memory": 4,
        "storage": 50,
        "managed": True,
        "managed_apps": [
            {"key": "ms-sql", "software": "Microsoft SQL Server Standard Edition"}
        ],
    }
    body = run({"support": "professional", "servers": [line]})
    assert body["support"] == "6.36"
    assert body["monthly_total"] == "780.31"  # 773.952 + 6.36
    assert run({"support": "developer", "servers": [line]})["support"] == "0.00"


def test_support_plan_95000_through_api(prices):
    # 95,000 of VPN: 95000/45 connections; support 6650
    body = run(
        {"support": "enterprise", "services": {"vpn": "2111.111111111111111111111"}}
    )
    assert Decimal(body["usage_total"]) == Decimal("95000.00")
    assert body["support"] == "6650.00"


def test_currency_conversion_rounds_once(prices):
    body = run({"currency": "GBP", "servers": [{"cpu": 2, "memory": 4, "storage": 50}]})
    # 63.60 * 0.74448 = 47.348928
    assert body["lines"][0]["monthly"] == "47.35"
    assert body["monthly_total"] == "47.35"
    assert body["currency"] == "GBP"


def test_data_center_lacking_products(prices):
    errors = errors_of(
        {
            "data_center": "AU1",
            "servers": [{"type": "hyperscale"}],
            "bare_metal": [{}],
            "relational_dbs": [{}],
            "appfog": [{}],
        }
    )
    assert "not offered in AU1" in errors["servers[0].type"][0]
    assert "Hyperscale" in errors["servers[0].type"][0]
    assert set(errors) == {
        "servers[0].type",
        "bare_metal[0].config",
        "bare_metal[0].os",
        "relational_dbs[0].type",
        "appfog[0]",
    }
    assert monthly({"data_center": "AU1", "servers": [{"cpu": 1, "memory": 1}]})


def test_bad_input_messages(prices):
    errors = errors_of(
        {
            "data_center": "XX9",
            "servers": [{"managed": True, "cpu": -1, "memory": "lots"}],
        }
    )
    assert "data_center" in errors
    errors = errors_of({"servers": [{"managed": True, "cpu": -1, "memory": "lots"}]})
    assert "linux" in errors["servers[0].managed"][0]
    assert errors["servers[0].cpu"] and errors["servers[0].memory"]
    assert errors_of({"services": {"teleport": 1}})
    assert errors_of({"servers": [{"usage": 101}]})
    assert errors_of({"servers": [{"quantity": 1.5}]})
    assert errors_of({"currency": "XYZ"})
    assert errors_of({"servers": [{"managed_apps": [{"key": "nope"}]}]})


def test_line_labels_describe_the_line(prices):
    lines = run(
        {
            "servers": [{"os": "redhat", "cpu": 2, "memory": 4, "quantity": 3}],
            "relational_dbs": [{"type": "replicated", "cpu": 1, "memory": 2}],
        }
    )["lines"]
    assert [line["label"] for line in lines] == [
        "Standard Red Hat server, 2 vCPU / 4 GB RAM × 3",
        "Relational DB (replicated), 1 vCPU / 2 GB RAM",
    ]
