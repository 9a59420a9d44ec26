"""Hand-computed cases from the historical estimator's rules (docs: estimator.md).

VA1 prices used below: vCPU 0.01/h, RAM 0.015/GB-h, standard storage 0.12/GB-month,
hyperscale storage 0.0005/GB-h (x720 = 0.36), Red Hat and Windows 0.04/vCPU-h,
managed OS 0.21/h, MS SQL 0.48/h, MySQL 0.763/h, MySQL replication (master/master)
0.5556/h, SQL Server Standard 0.1083 and Enterprise 0.4153 per vCPU-h, Managed
Backup 1.10/GB-month. A month is 720 h, 30.41666667 days, 4.345238095 weeks.
"""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from catalog.estimator import estimate, parse_request
from catalog.estimator.engine import support_charge
from catalog.estimator.line_pricing import backup_average_storage
from catalog.estimator.serialization import estimate_json
from catalog.models import Currency
from catalog.price_tables import PriceTables
from tests.catalog.strategies import payloads

pytestmark = pytest.mark.django_db
TIERS = (
    (Decimal(10000), Decimal("0.1")),
    (Decimal(80000), Decimal("0.07")),
    (Decimal(250000), Decimal("0.05")),
    (Decimal(1000000), Decimal("0.03")),
)


def run(payload: dict) -> dict:
    tables = PriceTables()
    request, errors = parse_request(payload, tables)
    assert not errors, errors
    return estimate_json(estimate(request, tables.get(request.data_center)))


def line(payload: dict, n: int = 0) -> str:
    return run(payload)["lines"][n]["monthly"]


def totals(payload: dict) -> tuple[str, str, str]:
    body = run(payload)
    return body["usage_total"], body["support"], body["monthly_total"]


# --- support base: the parity rules of the issue ---------------------------------


def test_managed_standard_servers_quantity_three_support_base(prices):
    # (2x.01 + 4x.015 + 2x.04 + .21) x 3 x 720 = 799.20; storage 10 x .12 x 3 = 3.60
    # OS licence 2 x .04 x 720 x 3 = 172.80; managed OS of ONE instance:
    # .21 x 720 = 151.20
    # base 802.80 - 172.80 - 151.20 = 478.80 -> 10% = 47.88
    server = {"os": "windows", "managed": True, "cpu": 2, "memory": 4, "storage": 10}
    payload = {"support": "professional", "servers": [{**server, "quantity": 3}]}
    assert totals(payload) == ("802.80", "47.88", "850.68")
    body = run(payload)
    assert body["lines"][0]["os_licence"] == "172.80"
    assert body["lines"][0]["managed"] == "151.20"
    assert body["support_base"] == "478.80"


def test_managed_hyperscale_server_management_stays_in_the_support_base(prices):
    # (.01 + .015 + .04 + .21) x 720 = 198.00; storage 1 x .0005 x 720 = 0.36
    # only the OS licence (.04 x 720 = 28.80) leaves the base: 169.56 -> 16.956
    payload = {
        "support": "enterprise",
        "servers": [{"type": "hyperscale", "os": "redhat", "managed": True}],
    }
    assert totals(payload) == ("198.36", "16.96", "215.32")


def test_managed_apps_count_with_quantity_and_instances_in_the_managed_part(prices):
    # server (.01+.015+.04+.21) x 2 x 720 = 396.00 + storage 1 x .12 x 2 = 396.24
    # MySQL .763 x 2 instances x 2 servers x 720 = 2197.44
    # replication .5556 x 1 x 2 x 720 = 800.064; usage 3393.744
    # base = 3393.744 - OS 57.60 - (151.20 + 2197.44 + 800.064) = 187.44 -> 18.744
    server = {
        "os": "redhat",
        "managed": True,
        "quantity": 2,
        "managed_apps": [
            {"key": "mysql", "instances": 2},
            {"key": "mysql-replication-master-master"},
        ],
    }
    body = run({"support": "professional", "servers": [server]})
    assert [x["monthly"] for x in body["lines"]] == ["396.24", "2197.44", "800.06"]
    assert (body["usage_total"], body["support"]) == ("3393.74", "18.74")
    assert body["monthly_total"] == "3412.49"


def test_apps_on_hyperscale_servers_are_not_excluded_from_support(prices):
    # server 198.36 (as above, Windows); IIS .21 x 720 = 151.20; usage 349.56
    # base = 349.56 - 28.80 = 320.76 -> 32.076
    server = {
        "type": "hyperscale",
        "os": "windows",
        "managed": True,
        "managed_apps": [{"key": "iis"}],
    }
    assert totals({"support": "professional", "servers": [server]}) == (
        "349.56",
        "32.08",
        "381.64",
    )


# --- MS SQL licensing ------------------------------------------------------------


def test_ms_sql_is_always_licensed_standard_edition_by_default(prices):
    # server (.04 + .12 + .16 + .21) x 720 = 381.60 + .12 = 381.72
    # MS SQL .48 x 720 = 345.60 + Standard .1083 x 4 vCPU x 720 = 311.904 -> 657.504
    server = {
        "os": "windows",
        "managed": True,
        "cpu": 4,
        "memory": 8,
        "storage": 1,
        "managed_apps": [{"key": "ms-sql"}],
    }
    body = run({"servers": [server]})
    assert [x["monthly"] for x in body["lines"]] == ["381.72", "657.50"]
    assert body["monthly_total"] == "1039.22"
    licence = body["lines"][1]["breakdown"][1]
    assert licence["label"] == "Microsoft SQL Server Standard Edition licence"
    assert (licence["quantity"], licence["unit_price"]) == ("4", "0.1083")


def test_ms_sql_named_edition_times_cpu_instances_and_quantity(prices):
    # .48 x 2 instances x 3 servers x 720 = 2073.60
    # Enterprise .4153 x 2 vCPU x 2 instances x 3 servers x 720 = 3588.192
    app = {
        "key": "ms-sql",
        "instances": 2,
        "software": "Microsoft SQL Server Enterprise Edition",
    }
    server = {"os": "windows", "managed": True, "cpu": 2, "quantity": 3}
    assert line({"servers": [{**server, "managed_apps": [app]}]}, 1) == "5661.79"
    by_key = {**app, "software": "microsoft-sql-server-enterprise-edition"}
    assert line({"servers": [{**server, "managed_apps": [by_key]}]}, 1) == "5661.79"


def test_managed_backup_is_priced_per_gb_from_its_sheet_value(prices):
    # server (.01+.015+.04+.21) x 720 = 198 + 100 GB x .12 = 12 -> 210.00
    # Managed Backup: 100 GB (the server's storage) x 1.10 = 110.00
    # base = 320 - 28.80 - (151.20 + 110) = 30 -> 3.00
    server = {
        "os": "windows",
        "managed": True,
        "storage": 100,
        "managed_apps": [{"key": "backup"}],
    }
    body = run({"support": "professional", "servers": [server]})
    assert [x["monthly"] for x in body["lines"]] == ["210.00", "110.00"]
    assert (body["support"], body["monthly_total"]) == ("3.00", "323.00")
    app = {"key": "backup", "storage": "12.5"}
    assert line({"servers": [{**server, "managed_apps": [app]}]}, 1) == "13.75"


# --- every line kind and its defaults ---------------------------------------------


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        # Linux, 1 vCPU, 1 GB, 1 GB storage, 100 %: .025 x 720 = 18 + .12
        ({"servers": [{}]}, "18.12"),
        # single 1/1/1: .0225 x 720 = 16.20 + 1 x .0004 x 720 = .288
        ({"relational_dbs": [{}]}, "16.49"),
        # 1 GB, 3 days, 1 %/1 %: the historical estimator's 0.10298331384844298
        ({"simple_backups": [{}]}, "0.10"),
        # configuration 1 (1 socket), CentOS: .56 x 720
        ({"bare_metal": [{}]}, "403.20"),
        # .07 x 720
        ({"intrusion_prevention": [{}]}, "50.40"),
        # 1024 MB: .04 x 720
        ({"appfog": [{}]}, "28.80"),
    ],
)
def test_defaults_of_omitted_fields(prices, payload, expected):
    assert line(payload) == expected


def test_server_defaults_are_reported(prices):
    body = run({"servers": [{}]})
    assert body["lines"][0]["description"] == ("Linux, 1 vCPU, 1 GB RAM, 1 GB storage")
    assert [i["quantity"] for i in body["lines"][0]["breakdown"]] == ["1", "1", "1"]


@pytest.mark.parametrize(
    ("usage", "period", "expected"),
    [
        (50, "percentage_of_month", "36.12"),  # 360 h x .10 + storage .12
        (100, "hours_per_month", "10.12"),  # 100 h
        (40, "hours_per_week", "17.50"),  # 173.8095238 h
        (8, "hours_per_day", "24.45"),  # 243.3333334 h
    ],
)
def test_usage_periods_scale_hourly_parts_not_storage(prices, usage, period, expected):
    # 4 vCPU x .01 + 4 GB x .015 = .10 an hour
    server = {"cpu": 4, "memory": 4, "usage": usage, "usage_period": period}
    assert line({"servers": [server]}) == expected


def test_quantity_multiplies_every_server_part(prices):
    # Windows 1/2 GB/10 GB: (.01 + .03 + .04) x 720 = 57.60 x 3 = 172.80; 10 x .12 x 3
    server = {"os": "windows", "cpu": 1, "memory": 2, "storage": 10, "quantity": 3}
    assert line({"servers": [server]}) == "176.40"


def test_hyperscale_storage_is_hourly_times_720(prices):
    # (.01 + .015) x 720 = 18.00; 100 GB x .0005 x 720 = 36.00
    assert line({"servers": [{"type": "hyperscale", "storage": 100}]}) == "54.00"


def test_storage_priced_hourly_in_au1(prices):
    # AU1: (.0115 + .0173) x 720 = 20.736; storage .00019 x 720 = .1368
    assert line({"data_center": "AU1", "servers": [{}]}) == "20.87"


def test_relational_db_replicated_with_quantity(prices):
    # (2 x .018 + 4 x .027) x 2 x 720 = 207.36; 10 GB x .0008 x 720 x 2 = 11.52
    db = {"type": "replicated", "cpu": 2, "memory": 4, "storage": 10, "quantity": 2}
    assert line({"relational_dbs": [db]}) == "218.88"


def test_exact_half_cent_rounds_half_up(prices):
    # (8 x .009 + 66 x .0135) x 5 x 179 h = 861.885; 951 x .288 x 5 = 1369.44
    # = 2231.325 exactly (binary floats made it 2231.32 historically)
    db = {"cpu": 8, "memory": 66, "storage": 951, "quantity": 5}
    db |= {"usage": 179, "usage_period": "hours_per_month"}
    assert line({"relational_dbs": [db]}) == "2231.33"


@pytest.mark.parametrize(
    ("backup", "historical"),
    [
        ({"storage": 100, "retention_days": 14, "daily_add_percent": 2,
          "daily_delete_percent": 1, "restore": 20}, "15.238965925270485"),
        ({"storage": 500, "retention_days": 31, "daily_add_percent": 0,
          "daily_delete_percent": 5}, "50"),
        ({"storage": 4000, "retention_days": 1, "daily_add_percent": 10,
          "daily_delete_percent": 50, "restore": 4000}, "427.2133333333333"),
        ({"storage": 1000, "retention_days": 7, "daily_add_percent": 3,
          "daily_delete_percent": 2}, "135.82272982177412"),
    ],
)  # fmt: skip
def test_simple_backup_matches_the_historical_simulation(prices, backup, historical):
    # the historical estimator's unrounded results for the same inputs (VA1:
    # backups 0.10/GB-month, restores 0.10/GB)
    mean = backup_average_storage(
        Decimal(backup["storage"]),
        backup["retention_days"],
        Decimal(backup["daily_add_percent"]),
        Decimal(backup["daily_delete_percent"]),
    )
    cost = mean * Decimal("0.1") + Decimal(backup.get("restore", 0)) * Decimal("0.1")
    assert abs(cost - Decimal(historical)) < Decimal("1e-9")
    assert line({"simple_backups": [backup]}) == str(
        Decimal(historical).quantize(Decimal("0.01"))
    )


def test_bare_metal_os_is_priced_per_socket(prices):
    # configuration 2 (2 sockets) 1.65 x 720 = 1188 + Windows .04 x 2 x 720 = 57.60
    assert line({"bare_metal": [{"config": 2, "os": 4}]}) == "1245.60"
    # configuration 3 x 2 at 50 %: 2.52 x 2 x 360 = 1814.40 + Red Hat .075 x 2 x 2 x 360
    bm = {"config": 3, "os": 2, "quantity": 2, "usage": 50}
    assert line({"bare_metal": [bm]}) == "1922.40"


def test_intrusion_prevention_and_appfog_scale(prices):
    assert line({"intrusion_prevention": [{"quantity": 4}]}) == "201.60"
    # 2 instances x 2048 MB = 4 GB x .04 x 720
    assert line({"appfog": [{"memory": 2048, "quantity": 2}]}) == "115.20"
    assert line({"appfog": [{"memory": 512}]}) == "14.40"


def test_services_monthly_hourly_and_setup_fees(prices):
    services = {
        "vpn": 2,  # 90
        "firewall": 1,  # 45
        "external-ip-address": 4,  # 8
        "shared-load-balancer": 1,  # .04 x 720 = 28.80
        "dedicated-load-balancer-200": 1,  # 260, setup 390
        "dedicated-load-balancer-1000": 2,  # 1560, setup 780
        "object-storage": 1000,  # 40
        "bandwidth": 5000,  # 250
    }
    body = run({"services": services})
    assert {x["index"]: x["monthly"] for x in body["lines"]} == {
        "vpn": "90.00",
        "firewall": "45.00",
        "shared-load-balancer": "28.80",
        "dedicated-load-balancer-200": "260.00",
        "dedicated-load-balancer-1000": "1560.00",
        "external-ip-address": "8.00",
        "object-storage": "40.00",
        "bandwidth": "250.00",
    }
    assert body["usage_total"] == "2281.80"
    assert body["setup_fees"] == "1170.00"
    assert body["monthly_total"] == "2281.80"  # setup fees are apart


# --- support tiers and currencies ----------------------------------------------


@pytest.mark.parametrize(
    ("base", "charge"),
    [
        (0, "0"),
        (5000, "500"),
        (10000, "1000"),
        (95000, "6650"),  # 1,000 + 4,900 + 750
        (250000, "14400"),  # 1,000 + 4,900 + 8,500
        (2000000, "36900"),  # nothing more above 1,000,000
    ],
)
def test_support_is_marginal_by_tier(base, charge):
    assert support_charge(Decimal(base), TIERS) == Decimal(charge)


def test_support_plans_compared_for_one_estimate(prices):
    # 1,900,000 GB x .05 = 95,000 of usage, nothing excluded -> 6,650
    body = run({"support": "developer", "services": {"bandwidth": 1900000}})
    plans = {
        p["plan"]: (p["monthly"], p["monthly_total"]) for p in body["support_plans"]
    }
    assert plans == {
        "developer": ("0.00", "95000.00"),
        "professional": ("6650.00", "101650.00"),
        "enterprise": ("6650.00", "101650.00"),
    }
    assert body["support"] == "0.00"


def test_exchange_rate_is_used_with_all_its_digits(prices):
    assert Currency.objects.get(code="EUR").rate == Decimal("0.830647459")
    # configuration 3 x 10,000: 2.52 x 10,000 x 720 = 18,144,000 USD
    # x 0.830647459 = 15,071,267.496 (a rate cut to 0.83064746 gives ...267.51)
    payload = {"currency": "EUR", "bare_metal": [{"config": 3, "quantity": 10000}]}
    body = run(payload)
    assert body["monthly_total"] == "15071267.50"
    assert (body["symbol"], body["rate"]) == ("€", "0.830647459")


def test_lines_sum_exactly_to_the_total_and_breakdowns_to_lines(prices):
    payload = {
        "currency": "JPY",
        "support": "enterprise",
        "servers": [{"os": "windows", "managed": True, "cpu": 3, "quantity": 2}],
        "relational_dbs": [{"cpu": 3}],
        "services": {"vpn": 1},
    }
    tables = PriceTables()
    request, _ = parse_request(payload, tables)
    result = estimate(request, tables.get("VA1"))
    assert result.usage_total == sum(x.monthly for x in result.lines)
    for priced in result.lines:
        assert priced.monthly == sum(item.monthly for item in priced.items)
    assert sum(result.subtotals.values()) == result.usage_total


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(payload=payloads)
def test_engine_totals_are_exact_sums(prices, payload):
    tables = PriceTables()
    request, errors = parse_request(payload, tables)
    if errors:
        return
    result = estimate(request, tables.get(request.data_center))
    assert result.usage_total == sum(line.monthly for line in result.lines)
    assert result.setup_fees == sum(line.setup_fee for line in result.lines)
    assert result.monthly_total == result.usage_total + result.support
    assert result.support >= 0
