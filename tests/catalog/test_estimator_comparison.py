"""The same estimate in every data center: complete ones first, by total."""

import json

import pytest

from tests.catalog.helpers import URL

pytestmark = pytest.mark.django_db


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
