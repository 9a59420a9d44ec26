"""The estimate as CSV, from the JSON API and from the URL; no cell starts a formula."""

import csv
import io
import json

import pytest

from catalog.estimator.export import neutralise
from catalog.models import Product
from tests.catalog.helpers import URL

pytestmark = pytest.mark.django_db


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
