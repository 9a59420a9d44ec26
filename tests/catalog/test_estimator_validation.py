"""Validation: the historical ranges, managed-application rules, what a data center
cannot offer, messages in people's words, and bounded work for hostile input."""

import json
import re

from django.core.cache import cache

import pytest

from catalog.estimator import parse_request
from catalog.price_tables import PriceTables

pytestmark = pytest.mark.django_db
INTERNAL = re.compile(r"[a-z-]+:[a-z-]+|\w+\[\d+\]")


def errors_of(payload) -> dict:
    _, errors = parse_request(payload, PriceTables())
    return dict(errors)


def only(payload) -> tuple[str, list[str]]:
    errors = errors_of(payload)
    assert len(errors) == 1, errors
    return next(iter(errors.items()))


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


@pytest.mark.parametrize(
    ("app", "os", "managed", "message"),
    [
        ("mysql", "windows", True, "runs on Red Hat Enterprise Linux servers"),
        ("ms-sql", "redhat", True, "runs on Windows servers"),
        ("iis", "windows", False, "needs a managed operating system"),
        ("kerberos", "windows", True, "Choose a managed application"),
        ("mysql-replication-master-slave", "redhat", True, "at least 2 instances"),
    ],
)
def test_managed_applications_rules(prices, app, os, managed, message):
    server = {"os": os, "managed": managed, "managed_apps": [{"key": app}]}
    path, messages = only({"servers": [server]})
    assert path == "servers[0].managed_apps[0].key"
    assert message in messages[0]


def test_instances_only_for_mysql_and_ms_sql_and_no_duplicates(prices):
    server = {
        "os": "redhat",
        "managed": True,
        "managed_apps": [{"key": "apache", "instances": 2}, {"key": "apache"}],
    }
    assert set(errors_of({"servers": [server]})) == {
        "servers[0].managed_apps[0].instances",
        "servers[0].managed_apps[1].key",
    }


def test_ms_sql_licence_must_be_an_sql_server_edition(prices):
    app = {"key": "ms-sql", "software": "Microsoft Windows Remote Desktop Services SAL"}
    server = {"os": "windows", "managed": True, "managed_apps": [app]}
    path, messages = only({"servers": [server]})
    assert path == "servers[0].managed_apps[0].software"
    assert messages == ["Choose a Microsoft SQL Server edition."]


def test_managed_linux_is_refused(prices):
    path, messages = only({"servers": [{"managed": True}]})
    assert path == "servers[0].managed"
    assert "Only Red Hat Enterprise Linux and Windows" in messages[0]


@pytest.mark.parametrize(
    ("payload", "path", "words"),
    [
        ({"servers": [{"type": "hyperscale"}]}, "servers[0]",
         "Hyperscale servers are not"),
        ({"bare_metal": [{}]}, "bare_metal[0]", "Bare Metal servers are not"),
        ({"relational_dbs": [{}]}, "relational_dbs[0]", "Relational DB is not"),
        ({"appfog": [{}]}, "appfog[0]", "AppFog is not"),
        ({"servers": [{"os": "windows", "managed": True}]}, "servers[0].managed",
         "Managed operating systems are not"),
    ],
)  # fmt: skip
def test_not_offered_in_a_data_center_names_it_in_words(prices, payload, path, words):
    found, messages = only({"data_center": "AU1", **payload})
    assert found == path
    assert messages[0].startswith(words)
    assert "offered in AU1 (Australia (Sydney)). Available in VA1." in messages[0]
    assert not INTERNAL.search(messages[0]), messages


def test_skip_unavailable_keeps_what_applies_and_lists_the_rest(prices):
    payload = {
        "data_center": "AU1",
        "skip_unavailable": True,
        "servers": [
            {"os": "windows", "managed": True, "managed_apps": [{"key": "iis"}]},
            {"type": "hyperscale"},
        ],
        "bare_metal": [{}],
        "intrusion_prevention": [{}],
    }
    request, errors = parse_request(payload, PriceTables())
    assert errors == {}
    assert len(request.servers) == 1 and not request.servers[0].managed
    assert request.servers[0].managed_apps == []
    assert [len(request.bare_metal), len(request.intrusion_prevention)] == [0, 1]
    assert [(u.path, u.line) for u in request.unavailable] == [
        ("servers[0].managed", "Server 1"),
        ("servers[1]", "Hyperscale server 1"),
        ("bare_metal[0]", "Bare Metal server 1"),
    ]
    assert "Server 1 is priced without management" in request.unavailable[0].reason


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


def test_twenty_thousand_unknown_services_give_one_short_message(prices, client):
    payload = {"services": {f"x{i}": 1 for i in range(20000)}}
    response = client.post(
        "/api/estimator/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    assert len(response.content) < 500
    assert "and 19,995 more" in response.json()["errors"]["services"][0]


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


def test_lines_are_capped(prices, django_assert_max_num_queries):
    payload = {"servers": [{}] * 30, "intrusion_prevention": [{}] * 21}
    errors = errors_of(payload)
    assert errors == {
        "non_field_errors": ["An estimate can have at most 50 lines; this one has 51."]
    }
    assert errors_of({"servers": [{}] * 50}) == {}


@pytest.mark.parametrize("alias", ["ZZ1", "\ud800", "va1", "X" * 5000, 3, None])
def test_unknown_data_centers_write_no_cache_key(prices, alias):
    PriceTables()  # the snapshot itself is cached once
    cache.set("marker", 1)
    keys_before = set(getattr(cache, "_cache", {}))
    path, messages = only({"data_center": alias})
    assert path == "data_center"
    assert messages[0].startswith("Choose one of our data centers: VA1, AU1")
    assert set(getattr(cache, "_cache", {})) == keys_before


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
