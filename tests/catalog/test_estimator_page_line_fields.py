"""Each line's controls: the ranges validation enforces, and the chosen data center's
choices, what it lacks disabled and saying so (named from a data center that has it)."""

from decimal import Decimal

import pytest

from catalog.estimator.page.line_fields import LineFields
from catalog.estimator.vocabulary import MANAGED_APPS
from catalog.price_tables import PriceTables

pytestmark = pytest.mark.django_db


def fields_in(alias: str, rate: str = "1", symbol: str = "$") -> LineFields:
    tables = PriceTables()
    return LineFields(tables.get(alias), tables, rate=Decimal(rate), symbol=symbol)


def options(field) -> list[tuple[str, str, bool, bool]]:
    return [(o.value, o.label, o.disabled, o.selected) for o in field.options]


def test_server_fields_carry_validation_ranges(prices):
    fields = fields_in("VA1").server("hyperscale", {"cpu": "4"}, "hyperscale1")
    by_name = {f.name: f for f in fields}
    assert list(by_name) == [
        "os", "cpu", "memory", "storage", "quantity", "usage", "usage_period",
        "managed",
    ]  # fmt: skip
    cpu, storage = by_name["cpu"], by_name["storage"]
    assert (cpu.id, cpu.value, cpu.min, cpu.max, cpu.step) == (
        "hyperscale1-cpu", "4", "1", "16", "1"
    )  # fmt: skip
    assert (storage.value, storage.max) == ("1", "1024")
    usage = by_name["usage"]
    assert (usage.value, usage.min, usage.max, usage.step) == ("100", "0", "100", "any")
    standard = fields_in("VA1").server("server", {}, "server1")
    assert standard[3].max == "4000"


def test_usage_runs_to_the_length_of_its_period(prices):
    lines = fields_in("VA1")
    assert lines.usage({"usage_period": "hours_per_day"}, "ips1")[1].max == "24"
    assert lines.usage({"usage_period": "hours_per_week"}, "ips1")[1].max == "168"
    assert lines.usage({"usage_period": "fortnightly"}, "ips1")[1].max == "100"


def test_management_hint_price_or_why_not(prices):
    assert fields_in("VA1").managed({}, "server1", "windows").hint == (
        "$0.21 an hour per server."
    )
    eur = fields_in("VA1", "0.830647459", "€").managed({}, "server1", "redhat")
    assert eur.hint == "€0.17 an hour per server."
    linux = fields_in("VA1").managed({}, "server1", "linux")
    assert linux.disabled
    assert linux.hint == "Only Red Hat and Windows servers can be managed."
    au1 = fields_in("AU1")
    assert au1.managed({}, "server1", "windows").disabled
    ticked = au1.managed({"managed": True}, "server1", "windows")
    assert not ticked.disabled  # it can still be unticked
    assert ticked.hint == "Managed operating systems are not offered in AU1."


def test_choices_a_data_center_lacks_are_named_and_disabled(prices):
    au1 = fields_in("AU1")
    assert options(au1.db({"type": "replicated"}, "db1")[0]) == [
        ("single", "Single instance (not offered in AU1)", True, False),
        ("replicated", "Replicated (not offered in AU1)", False, True),
    ]  # the chosen one stays enabled, so that it is submitted
    config, system = au1.baremetal({"config": "2"}, "baremetal1")[:2]
    assert options(config) == [
        ("1", "4 core, 16 GB RAM, 2x 1TB Raw HDD (not offered in AU1)", True, False),
        ("2", "12 core, 64 GB RAM, 4x 2TB Raw HDD (not offered in AU1)", False, True),
        ("3", "20 core, 128 GB RAM, 6x 2TB Raw HDD (not offered in AU1)", True, False),
    ]  # names from VA1, which offers them
    assert [o.label for o in system.options][-1] == "Win Std (not offered in AU1)"
    assert [o.label for o in fields_in("VA1").baremetal({}, "b")[1].options] == [
        "CentOS", "Red Hat", "Ubuntu", "Win Std",
    ]  # fmt: skip


def test_sql_server_editions_by_name_standard_by_default(prices):
    licence = fields_in("VA1").licence({}, "server1-app-ms-sql")
    assert (licence.id, licence.wide) == ("server1-app-ms-sql-software", True)
    assert options(licence) == [
        ("microsoft-sql-server-enterprise-edition", "Enterprise Edition", False, False),
        ("microsoft-sql-server-standard-edition", "Standard Edition", False, True),
        ("microsoft-sql-server-web-edition", "Web Edition", False, False),
    ]


def test_managed_app_fields_and_what_can_still_be_added(prices):
    va1 = fields_in("VA1")
    mysql = va1.app(MANAGED_APPS["mysql"], {"instances": "2"}, {}, "server1-app-mysql")
    assert [(f.name, f.id, f.value, f.max) for f in mysql] == [
        ("instances", "server1-app-mysql", "2", "100")
    ]
    backup = va1.app(MANAGED_APPS["backup"], {}, {"storage": "50"}, "s1-app-backup")
    assert [(f.name, f.value, f.min, f.step) for f in backup] == [
        ("storage", "50", "0", "any")
    ]  # protected data defaults to the server's storage
    assert va1.app(MANAGED_APPS["iis"], {}, {}, "s1-app-iis") == []
    chooser = va1.app_chooser("server1", "redhat", {"apache", "mysql"}, 1)
    by_key = {o.value: (o.label, o.disabled) for o in chooser.options}
    assert "apache" not in by_key and "iis" not in by_key
    assert by_key["mysql-replication-master-slave"] == (
        "Managed MySQL replication (master/replica) (needs MySQL with 2 instances)",
        True,
    )
    chooser = va1.app_chooser("server1", "redhat", {"mysql"}, 2)
    assert {o.value: o.disabled for o in chooser.options}[
        "mysql-replication-master-slave"
    ] is False
    every = {"active-directory", "ms-sql", "iis", "backup"}
    assert va1.app_chooser("server1", "windows", every, 0) is None
    au1 = fields_in("AU1").app_chooser("server1", "windows", set(), 0)
    assert ("Managed Microsoft IIS (not offered in AU1)", True) in [
        (o.label, o.disabled) for o in au1.options
    ]
