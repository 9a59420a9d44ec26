"""The Online Estimator through the full stack: gunicorn (production settings, the
shipped gunicorn.conf.py, PostgreSQL, Redis, the seeded site) answering a 20-line
estimate (JSON API, the page and its live-update fragment) and the same estimate
compared across the 14 data centers; p50 of sequential requests on one keep-alive
connection, each as a ratio to the trivial /healthz view measured in the same rounds.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import time
from urllib.parse import urlsplit

from bench.harness import gunicorn, manage, server_env, temp_database

ROUNDS = int(os.environ.get("BENCH_ESTIMATOR_ROUNDS", "300"))
WARMUP = 20
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "lumen_bench")
TARGET_RATIO = 3.0  # a 20-line estimate costs at most 3 trivial views

ESTIMATE = {
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
            "managed_apps": [{"key": "ms-sql", "instances": 2}, {"key": "iis"}],
        },
        {
            "os": "redhat",
            "cpu": 2,
            "memory": 4,
            "managed": True,
            "quantity": 3,
            "managed_apps": [{"key": "apache"}],
        },
        {"cpu": 1, "memory": 2, "usage": 8, "usage_period": "hours_per_day"},
        {"type": "hyperscale", "cpu": 8, "memory": 16, "storage": 500, "quantity": 3},
        {
            "type": "hyperscale",
            "os": "redhat",
            "usage": 40,
            "usage_period": "hours_per_week",
        },
    ],
    "relational_dbs": [
        {"type": "replicated", "cpu": 2, "memory": 4, "storage": 50},
        {"storage": 10, "usage": 300, "usage_period": "hours_per_month"},
    ],
    "simple_backups": [
        {"storage": 500, "retention_days": 14, "daily_add_percent": 2, "restore": 20},
        {"storage": 100, "retention_days": 31},
    ],
    "bare_metal": [{"config": 2, "os": 4}, {"config": 3, "os": 2, "quantity": 2}],
    "intrusion_prevention": [{"quantity": 4}],
    "appfog": [{"memory": 2048, "quantity": 2}],
    "services": {
        "vpn": 1,
        "dedicated-load-balancer-200": 1,
        "object-storage": 1000,
        "bandwidth": 5000,
    },
}


class Client:
    """One keep-alive HTTP/1.1 connection; returns (status, body, milliseconds)."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        start = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers or {})
        response = self.conn.getresponse()
        data = response.read()
        return response.status, data, (time.perf_counter() - start) * 1000


def run() -> list[str]:
    body = json.dumps(ESTIMATE).encode()
    json_headers = {"Content-Type": "application/json"}
    with temp_database(f"{DB_PREFIX}_estimator") as url:
        env = server_env(url)
        manage("migrate", "--noinput", env=env)
        manage("load_lumen_site", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        with gunicorn(env, workers=2) as base:
            client = Client(base)
            status, data, _ = client.request(
                "POST", "/api/estimator/", body, json_headers
            )
            estimate = json.loads(data)
            if status != 200:
                raise RuntimeError(estimate)
            query = estimate["query"].rsplit("&pb=", 1)[0]
            targets = {
                "trivial view /healthz": ("GET", "/healthz", None, {}),
                "POST /api/estimator/ (20 lines)": (
                    "POST",
                    "/api/estimator/",
                    body,
                    json_headers,
                ),
                "GET /api/estimator/?<URL encoding>": (
                    "GET",
                    f"/api/estimator/?{query}",
                    None,
                    {},
                ),
                "compare 14 data centers (API)": (
                    "POST",
                    "/api/estimator/compare/",
                    body,
                    json_headers,
                ),
                "estimator page, full render": (
                    "GET",
                    f"/estimator/?{query}",
                    None,
                    {},
                ),
                "estimator page, live-update fragment": (
                    "GET",
                    f"/estimator/?{query}",
                    None,
                    {"X-Estimator-Partial": "1"},
                ),
            }
            for label, (method, path, data_, headers) in targets.items():
                status, data, _ = client.request(method, path, data_, headers)
                if status != 200:
                    raise RuntimeError(f"{label}: HTTP {status}")
            compared = json.loads(
                client.request(*targets["compare 14 data centers (API)"])[1]
            )
            samples: dict[str, list[float]] = {label: [] for label in targets}
            for round_ in range(WARMUP + ROUNDS):
                for label, (method, path, data_, headers) in targets.items():
                    _, _, ms = client.request(method, path, data_, headers)
                    if round_ >= WARMUP:
                        samples[label].append(ms)
    load = os.getloadavg()
    p50 = {label: statistics.median(values) for label, values in samples.items()}
    trivial = p50["trivial view /healthz"]
    api_ratio = p50["POST /api/estimator/ (20 lines)"] / trivial
    verdict = "met" if api_ratio <= TARGET_RATIO else "NOT met"
    return [
        f"gunicorn 2 sync workers (gunicorn.conf.py), one keep-alive connection,"
        f" {ROUNDS} interleaved rounds; load average {load[0]:.2f} {load[1]:.2f}"
        f" {load[2]:.2f} on {os.cpu_count()} cores",
        f"estimate: {len(estimate['lines'])} priced lines; comparison:"
        f" {len(compared['data_centers'])} data centers",
        *(
            f"{label:40} p50 {value:7.2f} ms  {value / trivial:6.2f}x trivial"
            for label, value in p50.items()
        ),
        f"20-line estimate vs trivial view: {api_ratio:.2f}x"
        f" (target <= {TARGET_RATIO}x: {verdict})",
    ]
