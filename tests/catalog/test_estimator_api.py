"""POST /api/estimator/: contract, errors as 400, query counts, properties."""

import json
from decimal import Decimal

from django.core.cache import cache
from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import Product

pytestmark = pytest.mark.django_db
URL = "/api/estimator/"


def post(client: Client, payload) -> tuple[int, dict]:
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    response = client.post(URL, body, content_type="application/json")
    return response.status_code, response.json()


def test_issue_example_payload(client, prices):
    payload = {
        "data_center": "VA1",
        "currency": "USD",
        "support": "professional",
        "servers": [
            {
                "type": "standard",
                "os": "windows",
                "cpu": 2,
                "memory": 4,
                "storage": 50,
                "quantity": 1,
                "usage": 100,
                "usage_period": "percentage_of_month",
                "managed": False,
                "managed_apps": [
                    {
                        "key": "ms-sql",
                        "instances": 1,
                        "software": "Microsoft SQL Server Standard Edition",
                    }
                ],
            }
        ],
        "relational_dbs": [
            {
                "type": "single",
                "cpu": 1,
                "memory": 1,
                "storage": 1,
                "quantity": 1,
                "usage": 100,
                "usage_period": "percentage_of_month",
            }
        ],
        "simple_backups": [
            {
                "storage": 100,
                "retention_days": 3,
                "daily_add_percent": 1,
                "daily_delete_percent": 1,
                "restore": 0,
            }
        ],
        "bare_metal": [
            {
                "config": 1,
                "os": 1,
                "quantity": 1,
                "usage": 100,
                "usage_period": "percentage_of_month",
            }
        ],
        "intrusion_prevention": [
            {"quantity": 1, "usage": 100, "usage_period": "percentage_of_month"}
        ],
        "appfog": [
            {
                "memory": 1024,
                "quantity": 1,
                "usage": 100,
                "usage_period": "percentage_of_month",
            }
        ],
        "services": {
            "vpn": 1,
            "firewall": 0,
            "external-ip-address": 2,
            "shared-load-balancer": 0,
            "dedicated-load-balancer-200": 1,
            "dedicated-load-balancer-1000": 0,
            "object-storage": 0,
            "bandwidth": 10,
        },
    }
    status, body = post(client, payload)
    assert status == 200, body
    assert [(line["kind"], line["index"]) for line in body["lines"]] == [
        ("server", 0),
        ("relational_db", 0),
        ("simple_backup", 0),
        ("bare_metal", 0),
        ("intrusion_prevention", 0),
        ("appfog", 0),
        ("service", "vpn"),
        ("service", "external-ip-address"),
        ("service", "dedicated-load-balancer-200"),
        ("service", "bandwidth"),
    ]
    # server: (0.02+0.06+0.08)*720 + 6 + 345.6 + 155.952 = 622.752
    assert body["lines"][0]["monthly"] == "622.75"
    # rdbs single 1/1/1: (0.009+0.0135)*720 + 0.0004*720 = 16.488
    assert body["lines"][1]["monthly"] == "16.49"
    assert body["lines"][3]["monthly"] == "403.20"  # 0.56 * 720
    assert body["setup_fees"] == "390.00"
    assert set(body) >= {
        "data_center",
        "currency",
        "lines",
        "setup_fees",
        "usage_total",
        "support",
        "monthly_total",
    }


def test_empty_body_uses_defaults(client, prices):
    status, body = post(client, {})
    assert status == 200
    assert body["data_center"] == "VA1" and body["currency"] == "USD"
    assert body["monthly_total"] == "0.00" and body["lines"] == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"data_center": "ZZ1"}, "data_center"),
        ({"servers": [{"cpu": -2}]}, "servers[0].cpu"),
        ({"servers": [{"memory": "four"}]}, "servers[0].memory"),
        ({"servers": [{"managed": True}]}, "servers[0].managed"),
        ({"data_center": "AU1", "appfog": [{}]}, "appfog[0]"),
        ({"servers": "many"}, "servers"),
        ({"services": {"vpn": True}}, "services.vpn"),
        (
            {"simple_backups": [{"retention_days": 40}]},
            "simple_backups[0].retention_days",
        ),
        ({"bare_metal": [{"config": 4}]}, "bare_metal[0].config"),
        ({"servers": [{"usage_period": "fortnightly"}]}, "servers[0].usage_period"),
        ({"support": "platinum"}, "support"),
        ([1, 2], "non_field_errors"),
    ],
)
def test_bad_input_is_400_per_field(client, prices, payload, field):
    status, body = post(client, payload)
    assert status == 400
    assert field in body["errors"], body


def test_invalid_json_and_method(client, prices):
    assert post(client, "{nope")[0] == 400
    assert post(client, b"\xff\xfe")[0] == 400
    assert post(client, "[" * 200_000)[0] == 400  # too deep for the JSON parser
    assert post(client, " " * 300_000)[0] == 400  # too large
    assert client.get(URL).status_code == 405


def test_query_count_cold_then_cached(client, prices, django_assert_num_queries):
    cache.clear()
    payload = {"servers": [{"cpu": 1}], "services": {"vpn": 1}}
    with django_assert_num_queries(4):  # data center, products, currencies, tiers
        assert post(client, payload)[0] == 200
    with django_assert_num_queries(0):
        assert post(client, payload)[0] == 200


def test_price_change_invalidates_cached_table(client, prices):
    payload = {"services": {"vpn": 1}}
    assert post(client, payload)[1]["monthly_total"] == "45.00"
    vpn = Product.objects.get(data_center__alias="VA1", key="networking-services:vpn")
    vpn.monthly = Decimal("50")
    vpn.save()
    assert post(client, payload)[1]["monthly_total"] == "50.00"


numbers = st.one_of(
    st.integers(-5, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.none(),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
periods = st.sampled_from(
    ["percentage_of_month", "hours_per_month", "hours_per_week", "hours_per_day", "x"]
)
usage_line = st.fixed_dictionaries(
    {}, optional={"quantity": numbers, "usage": numbers, "usage_period": periods}
)
payloads = st.fixed_dictionaries(
    {},
    optional={
        "data_center": st.sampled_from(["VA1", "AU1", "XX1", 3]),
        "currency": st.sampled_from(["USD", "GBP", "JPY", "EUR"]),
        "support": st.sampled_from(["developer", "professional", "enterprise", ""]),
        "servers": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "type": st.sampled_from(["standard", "hyperscale", "big"]),
                    "os": st.sampled_from(["linux", "redhat", "windows", "bsd"]),
                    "cpu": numbers,
                    "memory": numbers,
                    "storage": numbers,
                    "quantity": numbers,
                    "usage": numbers,
                    "usage_period": periods,
                    "managed": st.one_of(st.booleans(), st.integers()),
                    "managed_apps": st.lists(
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "key": st.sampled_from(
                                    ["ms-sql", "mysql", "apache", "nope", 1]
                                ),
                                "instances": numbers,
                                "software": st.sampled_from(
                                    ["Microsoft SQL Server Web Edition", "x", None]
                                ),
                            },
                        ),
                        max_size=2,
                    ),
                },
            ),
            max_size=3,
        ),
        "relational_dbs": st.lists(usage_line, max_size=2),
        "simple_backups": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "storage": numbers,
                    "retention_days": numbers,
                    "daily_add_percent": numbers,
                    "daily_delete_percent": numbers,
                    "restore": numbers,
                },
            ),
            max_size=2,
        ),
        "bare_metal": st.lists(
            st.fixed_dictionaries(
                {}, optional={"config": numbers, "os": numbers, "quantity": numbers}
            ),
            max_size=2,
        ),
        "intrusion_prevention": st.lists(usage_line, max_size=2),
        "appfog": st.lists(usage_line, max_size=2),
        "services": st.dictionaries(
            st.sampled_from(
                [
                    "vpn",
                    "bandwidth",
                    "object-storage",
                    "dedicated-load-balancer-200",
                    "zzz",
                ]
            ),
            numbers,
            max_size=3,
        ),
    },
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(payload=payloads)
def test_api_never_500_and_totals_add_up(client, prices, payload):
    status, body = post(client, payload)
    assert status in (200, 400)
    if status == 400:
        assert body["errors"] and all(
            isinstance(v, list) for v in body["errors"].values()
        )
        return
    lines = sum(Decimal(line["monthly"]) for line in body["lines"])
    usage_total = Decimal(body["usage_total"])
    # each line is rounded for display, the total is computed unrounded
    assert abs(lines - usage_total) <= Decimal("0.005") * max(len(body["lines"]), 1)
    total = usage_total + Decimal(body["support"])
    assert abs(total - Decimal(body["monthly_total"])) <= Decimal("0.01")


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(payload=payloads)
def test_engine_totals_are_exact_sums(prices, payload):
    from catalog.estimator import estimate, parse_request
    from catalog.price_tables import PriceTables

    tables = PriceTables()
    request, errors = parse_request(payload, tables)
    if errors:
        return
    result = estimate(request, tables.get(request.data_center))
    assert result.usage_total == sum(line.monthly for line in result.lines)
    assert result.setup_fees == sum(line.setup_fee for line in result.lines)
    assert result.monthly_total == result.usage_total + result.support
    assert result.support >= 0
