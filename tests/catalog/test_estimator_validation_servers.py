"""Servers and their managed applications: where each application runs, instances,
licences, duplicates and management."""

import pytest

from tests.catalog.helpers import errors_of, only

pytestmark = pytest.mark.django_db


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
