"""POST /api/estimator/: contract, errors as 400, query counts, properties."""

import csv
import io
import json
import re
from decimal import Decimal

from django.core.cache import cache
from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from catalog.estimator.export import neutralise
from catalog.models import Product
from lumen_cms import openapi

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
                "managed": True,
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
        ("managed_app", 0),
        ("relational_db", 0),
        ("simple_backup", 0),
        ("bare_metal", 0),
        ("intrusion_prevention", 0),
        ("appfog", 0),
        ("service", "vpn"),
        ("service", "dedicated-load-balancer-200"),
        ("service", "external-ip-address"),
        ("service", "bandwidth"),
    ]
    # server: (0.02 + 0.06 + 0.08 + 0.21) * 720 + 50 * 0.12 = 272.40
    assert body["lines"][0]["monthly"] == "272.40"
    # MS SQL 0.48 * 720 + Standard Edition 0.1083 * 2 vCPU * 720 = 501.552
    assert body["lines"][1]["monthly"] == "501.55"
    assert body["lines"][1]["app"] == "ms-sql"
    # rdbs single 1/1/1: (0.009+0.0135)*720 + 0.0004*720 = 16.488
    assert body["lines"][2]["monthly"] == "16.49"
    assert body["lines"][4]["monthly"] == "403.20"  # 0.56 * 720
    assert body["setup_fees"] == "390.00"
    for line in body["lines"]:
        assert line["breakdown"], line
        assert sum(Decimal(i["monthly"]) for i in line["breakdown"]) == pytest.approx(
            Decimal(line["monthly"]), abs=Decimal("0.01") * len(line["breakdown"])
        )
    assert {s["key"]: s["subtotal"] for s in body["sections"]}["servers"] == "773.95"
    assert body["assumptions"] == {
        "hours_per_month": "720",
        "days_per_month": "30.41666667",
        "weeks_per_month": "4.345238095",
    }
    assert re.fullmatch(r"[0-9a-f]{12}", body["price_book"]["id"])
    assert body["query"].startswith("dc=VA1&support=professional&server1-os=windows")


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
        (
            {"servers": [{"os": "windows", "managed_apps": [{"key": "iis"}]}]},
            "servers[0].managed_apps[0].key",
        ),
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
    assert client.put(URL).status_code == 405


def test_query_count_cold_then_cached(client, prices, django_assert_num_queries):
    cache.clear()
    payload = {"servers": [{"cpu": 1}], "services": {"vpn": 1}}
    # data centers, currencies, tiers, products, price book (insert-or-ignore, read)
    with django_assert_num_queries(6):
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
    st.integers(0, 20),
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
        "skip_unavailable": st.booleans(),
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


def test_get_with_the_url_encoding_equals_the_json_post(client, prices):
    payload = {
        "data_center": "VA1",
        "currency": "GBP",
        "support": "enterprise",
        "servers": [
            {"os": "windows", "cpu": 4, "memory": 8, "managed": True,
             "managed_apps": [{"key": "ms-sql", "instances": 2,
                               "software": "microsoft-sql-server-web-edition"}]},
            {"type": "hyperscale", "os": "redhat", "storage": 500, "quantity": 3},
        ],
        "relational_dbs": [{"type": "replicated", "usage": 12,
                            "usage_period": "hours_per_day"}],
        "simple_backups": [{"storage": 200, "retention_days": 14}],
        "bare_metal": [{"config": 2, "os": 2}],
        "intrusion_prevention": [{"quantity": 3}],
        "appfog": [{"memory": 2048}],
        "services": {"vpn": 2, "bandwidth": 300},
    }  # fmt: skip
    status, body = post(client, payload)
    assert status == 200, body
    query = body["query"]
    assert "server1-app-ms-sql=2" in query and "hyperscale1-storage=500" in query
    by_get = client.get(f"{URL}?{query}").json()
    assert by_get["lines"] == body["lines"]
    assert by_get["monthly_total"] == body["monthly_total"]
    by_form = client.post(
        URL, query, content_type="application/x-www-form-urlencoded"
    ).json()
    assert by_form["monthly_total"] == body["monthly_total"]


def test_get_errors_name_the_json_paths(client, prices):
    response = client.get(
        URL, {"dc": "VA1", "server1-os": "linux", "server1-cpu": "99"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "servers[0].cpu": ["Enter a whole number from 1 to 16."]
    }


def test_csv_export_from_json_and_from_the_url(client, prices):
    payload = {
        "support": "professional",
        "servers": [{"cpu": 2}],
        "services": {"vpn": 1},
    }
    response = client.post(
        f"{URL}?format=csv", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="estimate-VA1-'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Estimate", "VA1 – US East (Sterling)"]
    header = rows.index(
        ["Section", "Line", "Description", "Quantity", "Monthly (USD)",
         "One-time setup fee (USD)", "Breakdown"]
    )  # fmt: skip
    server = rows[header + 1]
    # (2 x .01 + .015) x 720 = 25.20 + storage .12
    assert server[:5] == [
        "Servers and managed services",
        "Server 1",
        "Linux, 2 vCPU, 1 GB RAM, 1 GB storage",
        "1",
        "25.32",
    ]
    assert "2 vCPU × $0.01 an hour × 720 h = $14.40" in server[6]
    assert ["Monthly total", "77.35"] in rows  # 25.32 + 45 + support 7.032
    assert ["Support (Professional)", "7.03"] in rows
    by_url = client.get(f"{URL}?dc=VA1&server1-cpu=2&vpn=1&support=professional",
                        HTTP_ACCEPT="text/csv")  # fmt: skip
    assert (
        by_url.content.split(b"Generated")[1].split(b"\r\n", 1)[1]
        == (response.content.split(b"Generated")[1].split(b"\r\n", 1)[1])
    )


def test_csv_cells_cannot_start_a_formula(client, prices):
    product = Product.objects.get(
        data_center__alias="VA1", key="networking-services:vpn"
    )
    product.name = '=HYPERLINK("http://evil")'
    product.save()
    response = client.get(URL, {"dc": "VA1", "vpn": "1", "format": "csv"})
    text = response.content.decode()
    assert "=HYPERLINK" not in text.replace("'=HYPERLINK", "")
    for name in ("＝1+1", "\ufeff=1+1", "@SUM(A1)", "+1", "-1"):
        assert neutralise(name) == "'" + name
    assert neutralise("12.50") == "12.50"


def test_compare_prices_every_data_center_complete_ones_first(client, prices):
    payload = {
        "support": "professional",
        "servers": [{"type": "hyperscale", "cpu": 2}],
        "bare_metal": [{}],
        "intrusion_prevention": [{}],
    }
    response = client.post(
        f"{URL}compare/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    rows = body["data_centers"]
    assert [(r["data_center"], r["complete"]) for r in rows] == [
        ("VA1", True),
        ("AU1", False),
    ]
    assert [u["line"] for u in rows[1]["unavailable"]] == [
        "Hyperscale server 1",
        "Bare Metal server 1",
    ]
    # AU1 still prices what it offers: IPS .07 x 720 = 50.40 + 10 % support
    assert rows[1]["monthly_total"] == "55.44"
    by_get = client.get(f"{URL}compare/?dc=AU1&baremetal1-config=1").json()
    assert [r["data_center"] for r in by_get["data_centers"]] == ["VA1", "AU1"]
    bad = client.get(f"{URL}compare/?server1-cpu=40")
    assert bad.status_code == 400
    assert "servers[0].cpu" in bad.json()["errors"]


def test_price_book_names_the_prices_used_and_says_when_they_changed(client, prices):
    payload = {"services": {"vpn": 1}}
    first = post(client, payload)[1]["price_book"]
    assert (
        post(client, {**payload, "price_book": first["id"]})[1]["price_book"]["changed"]
        is False
    )
    vpn = Product.objects.get(data_center__alias="VA1", key="networking-services:vpn")
    vpn.monthly = Decimal("50")
    vpn.save()
    body = post(client, {**payload, "price_book": first["id"]})[1]
    assert body["monthly_total"] == "50.00"
    assert body["price_book"]["id"] != first["id"]
    assert body["price_book"]["changed"] is True
    assert body["price_book"]["requested_created"] == first["created"]
    by_get = client.get(URL, {"dc": "VA1", "vpn": "1", "pb": first["id"]}).json()
    assert by_get["price_book"]["changed"] is True
    vpn.monthly = Decimal("45")
    vpn.save()  # the same prices again: the same book
    assert post(client, payload)[1]["price_book"]["id"] == first["id"]


def _validator(path: str, method: str, status: str = "200") -> Draft202012Validator:
    document = openapi.build_document()
    operation = document["paths"][path][method]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": document["components"]})


def test_responses_match_the_openapi_document(client, prices):
    payload = {
        "support": "professional",
        "price_book": "0123456789ab",
        "servers": [
            {"os": "windows", "managed": True, "managed_apps": [{"key": "ms-sql"}]},
            {"type": "hyperscale"},
        ],
        "simple_backups": [{}],
        "services": {"dedicated-load-balancer-200": 1},
    }
    checks = [
        (_validator("/api/estimator/", "post"), post(client, payload)),
        (
            _validator("/api/estimator/", "post"),
            post(client, {"data_center": "AU1", "skip_unavailable": True, **payload}),
        ),
        (_validator("/api/estimator/", "post", "400"), post(client, {"support": 1})),
        (
            _validator("/api/estimator/compare/", "post"),
            (
                200,
                client.post(
                    f"{URL}compare/",
                    json.dumps(payload),
                    content_type="application/json",
                ).json(),
            ),
        ),  # fmt: skip
    ]
    for validator, (_, body) in checks:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(body)]
        assert errors == []
    request_schema = _validator("/api/estimator/", "post").schema["components"]
    Draft202012Validator(
        {"$ref": "#/components/schemas/EstimateRequest", "components": request_schema}
    ).validate(payload)
