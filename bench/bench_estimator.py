"""POST /api/estimator/ with a 20-line estimate vs a trivial JSON view, same stack."""

import json
import statistics
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
N = 400

PAYLOAD = {
    "data_center": "VA1",
    "currency": "GBP",
    "support": "enterprise",
    "servers": [
        {
            "os": "windows",
            "cpu": 4,
            "memory": 8,
            "storage": 100,
            "managed": True,
            "managed_apps": [
                {"key": "ms-sql", "software": "Microsoft SQL Server Standard Edition"}
            ],
        },
        {"type": "hyperscale", "cpu": 8, "memory": 16, "storage": 500, "quantity": 3},
        {
            "os": "redhat",
            "cpu": 2,
            "memory": 4,
            "usage": 40,
            "usage_period": "hours_per_week",
        },
        {"cpu": 1, "memory": 2, "usage": 8, "usage_period": "hours_per_day"},
    ],
    "relational_dbs": [
        {"type": "replicated", "cpu": 2, "memory": 4, "storage": 50},
        {
            "cpu": 1,
            "memory": 1,
            "storage": 10,
            "usage": 300,
            "usage_period": "hours_per_month",
        },
    ],
    "simple_backups": [
        {
            "storage": 500,
            "retention_days": 14,
            "daily_add_percent": 2,
            "daily_delete_percent": 1,
            "restore": 20,
        },
        {"storage": 100, "retention_days": 31},
    ],
    "bare_metal": [{"config": 2, "os": 5}, {"config": 3, "os": 2, "quantity": 2}],
    "intrusion_prevention": [{"quantity": 4}],
    "appfog": [{"memory": 2048, "quantity": 2}],
    "services": {
        "vpn": 1,
        "firewall": 2,
        "external-ip-address": 4,
        "shared-load-balancer": 1,
        "dedicated-load-balancer-200": 1,
        "dedicated-load-balancer-1000": 1,
        "object-storage": 1000,
        "bandwidth": 5000,
    },
}


def _p50(fn) -> float:
    for _ in range(20):
        fn()
    samples = []
    for _ in range(N):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def run() -> list[str]:
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from catalog.services import import_pricing

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        import_pricing(folder=ROOT / "catalog" / "data" / "pricing")
        client = Client()
        body = json.dumps(PAYLOAD)
        response = client.post("/api/estimator/", body, content_type="application/json")
        data = response.json()
        if response.status_code != 200:
            raise RuntimeError(data)
        lines = len(data["lines"])
        with CaptureQueriesContext(connection) as warm:
            client.post("/api/estimator/", body, content_type="application/json")

        def api():
            client.post("/api/estimator/", body, content_type="application/json")

        def trivial():
            client.post("/api/v2/", "{}", content_type="application/json")

        from django.http import JsonResponse
        from django.test import override_settings
        from django.urls import path

        import lumen_cms.urls

        module = type(lumen_cms.urls)("bench_urls")
        module.urlpatterns = [
            path("bench/trivial/", lambda r: JsonResponse({"ok": True})),
            *lumen_cms.urls.urlpatterns,
        ]
        import sys

        sys.modules["bench_urls"] = module
        with override_settings(ROOT_URLCONF="bench_urls"):

            def trivial():
                client.post("/bench/trivial/", "{}", content_type="application/json")

            trivial_ms = _p50(trivial)
            api_ms = _p50(api)
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
    return [
        f"estimate lines: {lines}; queries per request (warm cache): {len(warm)}",
        f"trivial JSON view p50: {trivial_ms:.3f} ms",
        f"POST /api/estimator/ p50: {api_ms:.3f} ms (target <= 5 ms)",
        f"ratio api/trivial: {api_ms / trivial_ms:.2f}x (target <= 3x)",
    ]
