"""import_pricing: counts, idempotence, bad data reported per product, never a crash."""

import json
from decimal import Decimal
from io import StringIO

from django.core.management import call_command

import pytest

from catalog.models import Currency, DataCenter, PriceSection, Product, SupportTier
from catalog.services import import_pricing, parse_price

pytestmark = pytest.mark.django_db


def test_import_counts_and_values(prices):
    assert prices.data_centers == 2
    assert DataCenter.objects.count() == 2
    assert prices.created == Product.objects.count() > 100
    assert prices.currencies == Currency.objects.count() == 13
    assert list(SupportTier.objects.values_list("up_to", "percentage")) == [
        (Decimal("10000"), Decimal("0.1")),
        (Decimal("80000"), Decimal("0.07")),
        (Decimal("250000"), Decimal("0.05")),
        (Decimal("1000000"), Decimal("0.03")),
    ]
    ips = Product.objects.get(data_center__alias="VA1", key="ips")
    assert (
        ips.hourly == Decimal("0.07")
        and ips.monthly is None
        and ips.monthly_text == "—"
    )
    cc = Product.objects.get(data_center__alias="VA1", key="data-center:cross-connect")
    assert cc.monthly_text == "custom" and cc.setup_fee_text == "custom"
    assert (
        Product.objects.get(data_center__alias="VA1", key="baremetal:config:2").sockets
        == 2
    )
    section = PriceSection.objects.get(data_center__alias="VA1", key="bare-metal")
    assert section.disclaimer
    assert not Product.objects.filter(data_center__alias="AU1", key="appfog").exists()


def test_import_is_idempotent(prices, price_folder):
    before = list(Product.objects.order_by("pk").values())
    again = import_pricing(folder=price_folder)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert again.unchanged == prices.created
    assert list(Product.objects.order_by("pk").values()) == before


def test_changed_sheet_updates_and_deletes(prices, price_folder):
    sheet_path = price_folder / "prices" / "va1.json"
    sheet = json.loads(sheet_path.read_text())
    sheet[0]["products"][0]["hourly"] = 0.02  # server:cpu
    removed = sheet[0]["products"].pop()  # the last one: no order shift
    sheet_path.write_text(json.dumps(sheet))
    report = import_pricing(folder=price_folder)
    assert (report.updated, report.deleted) == (1, 1)
    cpu = Product.objects.get(data_center__alias="VA1", key="server:cpu")
    assert cpu.hourly == Decimal("0.02")
    assert not Product.objects.filter(
        data_center__alias="VA1", key=removed["key"]
    ).exists()


def test_bad_data_is_reported_per_product(prices, price_folder):
    sheet_path = price_folder / "prices" / "va1.json"
    sheet = json.loads(sheet_path.read_text())
    products = sheet[0]["products"]
    products[0]["hourly"] = "lots"  # server:cpu: text where a number belongs
    products[2]["monthly"] = "0.15"  # numeric text: accepted with a warning
    products[3]["hourly"] = True
    products[4]["hourly"] = 10**30  # too large for the field
    products.append({"name": "Display only &amp; more", "hourly": "&mdash;"})
    products.append({"key": 42, "name": "Bad key"})
    products.append("not an object")
    sheet_path.write_text(json.dumps(sheet))
    report = import_pricing(folder=price_folder)
    text = "\n".join(report.issues)
    assert "VA1 server:storage:standard: monthly: number given as text" in text
    assert "VA1 server:storage:premium: hourly: boolean" in text
    assert "VA1 server:cpu:hyperscale: invalid, kept as it was" in text
    assert "key 42 is not text" in text
    assert "not an object" in text
    cpu = Product.objects.get(data_center__alias="VA1", key="server:cpu")
    assert cpu.hourly is None and cpu.hourly_text == "lots"
    assert Product.objects.get(
        data_center__alias="VA1", key="server:storage:standard"
    ).monthly == Decimal("0.15")
    hyperscale = Product.objects.get(
        data_center__alias="VA1", key="server:cpu:hyperscale"
    )
    assert hyperscale.hourly == Decimal("0.01")  # earlier data kept
    display = Product.objects.get(data_center__alias="VA1", name="Display only & more")
    assert display.key == "" and display.hourly_text == "—"


def test_unknown_and_broken_sheets_never_crash(prices, price_folder):
    folder = price_folder / "prices"
    listing = json.loads((folder / "data-center-prices.json").read_text())
    listing.append(
        {"alias": "ZZ9", "name": "Nowhere", "links": [{"href": "/prices/zz9.json"}]}
    )
    listing.append({"name": "no alias"})
    (folder / "data-center-prices.json").write_text(json.dumps(listing))
    (folder / "stray.json").write_text("[]")
    (folder / "au1.json").write_text("{broken")
    count = Product.objects.filter(data_center__alias="AU1").count()
    report = import_pricing(folder=price_folder)
    text = "\n".join(report.issues)
    assert "ZZ9: sheet /prices/zz9.json missing" in text
    assert "no alias" in text
    assert "stray.json: not a listed data center" in text
    assert "au1.json: cannot read" in text
    assert Product.objects.filter(data_center__alias="AU1").count() == count


def test_command_reports_counts(prices, price_folder):
    out, err = StringIO(), StringIO()
    call_command("import_pricing", str(price_folder), stdout=out, stderr=err)
    assert "2 data centers" in out.getvalue()
    assert "unchanged" in out.getvalue()


@pytest.mark.django_db
def test_command_without_a_folder_loads_the_shipped_sheets():
    """What a host runs: the sheets come with the app (catalog/data/pricing)."""
    out = StringIO()
    call_command("import_pricing", "--quiet-issues", stdout=out, stderr=StringIO())
    assert DataCenter.objects.filter(alias="VA1").exists()
    assert DataCenter.objects.count() > 2 and "data centers" in out.getvalue()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.04, (Decimal("0.04"), "", "")),
        ("&mdash;", (None, "—", "")),
        ("custom", (None, "custom", "")),
        (None, (None, "", "")),
        (-1, (None, "", "-1 is not a valid price")),
    ],
)
def test_parse_price(raw, expected):
    assert parse_price(raw) == expected
