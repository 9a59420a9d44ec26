"""The estimator's HTTP API: the JSON contract, errors as 400 per field, the URL
encoding and form posts, and responses that match the OpenAPI document."""

import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from lumen_cms import openapi
from tests.catalog.helpers import URL, post
from tests.catalog.strategies import payloads

pytestmark = pytest.mark.django_db


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
