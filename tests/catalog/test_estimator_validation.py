"""Validation as a whole: the historical ranges, messages in people's words, unknown
fields at every level, and no 500 for hostile input."""

import json

import pytest

from tests.catalog.helpers import INTERNAL, errors_of, only

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"servers": [{"cpu": 0}]}, "servers[0].cpu"),
        ({"servers": [{"cpu": 17}]}, "servers[0].cpu"),
        ({"servers": [{"cpu": 2.5}]}, "servers[0].cpu"),
        ({"servers": [{"memory": 129}]}, "servers[0].memory"),
        ({"servers": [{"storage": 0}]}, "servers[0].storage"),
        ({"servers": [{"storage": 4001}]}, "servers[0].storage"),
        ({"servers": [{"type": "hyperscale", "storage": 1025}]}, "servers[0].storage"),
        ({"servers": [{"quantity": 0}]}, "servers[0].quantity"),
        ({"servers": [{"usage": 101}]}, "servers[0].usage"),
        (
            {"servers": [{"usage": 745, "usage_period": "hours_per_month"}]},
            "servers[0].usage",
        ),
        (
            {"servers": [{"usage": 169, "usage_period": "hours_per_week"}]},
            "servers[0].usage",
        ),
        (
            {"servers": [{"usage": 25, "usage_period": "hours_per_day"}]},
            "servers[0].usage",
        ),
        ({"simple_backups": [{"daily_add_percent": 301}]},
         "simple_backups[0].daily_add_percent"),
        ({"simple_backups": [{"retention_days": 32}]},
         "simple_backups[0].retention_days"),
        ({"bare_metal": [{"os": 5}]}, "bare_metal[0].os"),
        ({"bare_metal": [{"config": 9}]}, "bare_metal[0].config"),
        ({"appfog": [{"memory": 10241}]}, "appfog[0].memory"),
        ({"services": {"vpn": 1.5}}, "services.vpn"),
        ({"services": {"bandwidth": -1}}, "services.bandwidth"),
    ],
)  # fmt: skip
def test_ranges_of_the_historical_form(prices, payload, path):
    found, messages = only(payload)
    assert found == path
    assert messages[0].startswith("Enter ")


def test_the_edges_of_the_ranges_are_accepted(prices):
    payload = {
        "servers": [
            {"cpu": 16, "memory": 128, "storage": 4000, "usage": 24,
             "usage_period": "hours_per_day"},
            {"type": "hyperscale", "cpu": 1, "memory": 1, "storage": 1024},
        ],
        "simple_backups": [{"daily_add_percent": 300, "daily_delete_percent": 0,
                            "retention_days": 31, "restore": 4000}],
        "bare_metal": [{"config": 3, "os": 4}],
        "appfog": [{"memory": 10240}],
    }  # fmt: skip
    assert errors_of(payload) == {}


def test_messages_never_show_internal_keys(prices):
    payload = {
        "data_center": "AU1",
        "servers": [
            {"os": "windows", "managed": True, "cpu": "x"},
            {"type": "hyperscale", "managed_apps": "x"},
        ],
        "relational_dbs": [{"type": "triple"}],
        "bare_metal": [{"config": 2}],
        "services": {"object-storage": "lots"},
        "support": "gold",
        "currency": "XXX",
    }
    errors = errors_of(payload)
    assert len(errors) >= 7
    for messages in errors.values():
        for message in messages:
            assert not INTERNAL.search(message), message


def test_unknown_fields_are_refused_at_every_level(prices):
    payload = {
        "cpus": 4,
        "servers": [{"cpus": 4, "managed_apps": []}],
        "simple_backups": [{"size": 1}],
    }
    errors = errors_of(payload)
    assert errors["non_field_errors"] == ["Unknown field: 'cpus'."]
    assert errors["servers[0]"] == ["Unknown field: 'cpus'."]
    assert errors["simple_backups[0]"] == ["Unknown field: 'size'."]


def test_lone_surrogates_anywhere_are_a_400_not_a_500(prices, client):
    body = json.dumps(
        {
            "data_center": "\ud800",
            "currency": "\udfff",
            "servers": [{"os": "\ud800", "\ud800": 1}],
            "services": {"\ud800": 1},
        }
    )
    response = client.post("/api/estimator/", body, content_type="application/json")
    assert response.status_code == 400
    # a surrogate's UTF-8 bytes in a URL
    response = client.get("/api/estimator/?dc=%ED%A0%80&server1-os=%ED%A0%80")
    assert response.status_code == 400
