"""HTTP load on this machine: gunicorn (production settings, PostgreSQL, Redis,
seeded site, collected static files) driven by wrk, each endpoint reported as req/s,
p50/p99 and a ratio to the bare /healthz view measured in the same run.

Cached pages are measured warm (the full-page cache answers); a second gunicorn with
PAGE_CACHE_TIMEOUT=0 gives the uncached figures. Needs `wrk` (`make bench` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import redis

from bench.harness import REDIS_URL, gunicorn, manage, server_env, temp_database

WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
WARMUP = "3s"
TARGET_RATIO = 0.6
BARE_AGAIN = "bare view /healthz, again"
ESTIMATE = {
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
            "managed": False,
            "managed_apps": [],
        }
    ],
}
LUA_POST = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{body}]]
"""
# (label, path, expected status, cached by the page cache)
TARGETS = [
    ("bare view /healthz", "/healthz", 200, False),
    ("home page", "/", 200, True),
    ("service page", "/managed-services/mysql/", 200, True),
    ("404 page", "/no-such-page/", 404, False),
    ("estimator API POST", "/api/estimator/", 200, False),
]
UNCACHED = [
    ("home page, page cache off", "/", 200),
    ("service page, page cache off", "/managed-services/mysql/", 200),
]


def _wrk(
    url: str, *, script: Path | None = None, duration: str = DURATION
) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{duration}", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True, timeout=300
    ).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1)),
        "errors": _errors(output),
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _errors(output: str) -> int:
    found = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return sum(int(n) for n in found.groups()) if found else 0


def _check(base: str, path: str, status: int, *, post: bytes | None = None) -> dict:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        base + path,
        data=post,
        headers={"Content-Type": "application/json"} if post else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            got, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        got, headers = error.code, error.headers
    if got != status:
        raise RuntimeError(f"{path} answered {got}, expected {status}")
    return dict(headers)


def _line(label: str, result: dict[str, float], bare: float) -> str:
    return (
        f"{label:32} {result['rps']:>8.0f} req/s  p50 {result['p50']:>7.2f} ms  "
        f"p99 {result['p99']:>7.2f} ms  {result['rps'] / bare:>5.2f}x bare"
        + (f"  ({result['errors']} socket errors)" if result["errors"] else "")
    )


def run() -> list[str]:
    if shutil.which("wrk") is None:
        return ["wrk not found: `make bench` installs it (apt-get install wrk)"]
    cache = redis.Redis.from_url(REDIS_URL)
    with temp_database("lumen_bench_load") as url, tempfile.TemporaryDirectory() as tmp:
        env = server_env(url)
        manage("migrate", "--noinput", env=env)
        manage("load_lumen_site", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        script = Path(tmp) / "estimate.lua"
        script.write_text(LUA_POST.format(body=json.dumps(ESTIMATE)))
        cache.flushdb()
        results: dict[str, dict[str, float]] = {}
        with gunicorn(env, workers=WORKERS) as base:
            _wrk(base + "/healthz", duration=WARMUP)  # every worker booted and warm
            for label, path, status, cached in TARGETS:
                post = json.dumps(ESTIMATE).encode() if "POST" in label else None
                _check(base, path, status, post=post)  # first render fills caches
                headers = _check(base, path, status, post=post)
                if cached and headers.get("X-Page-Cache") != "hit":
                    raise RuntimeError(f"{path} was not served from the page cache")
                script_path = script if post else None
                _wrk(base + path, script=script_path, duration=WARMUP)
                results[label] = _wrk(base + path, script=script_path)
            results[BARE_AGAIN] = _wrk(base + "/healthz")
        cache.flushdb()
        uncached_env = {**env, "PAGE_CACHE_TIMEOUT": "0"}
        with gunicorn(uncached_env, workers=WORKERS) as base:
            _wrk(base + "/healthz", duration=WARMUP)
            for label, path, status in UNCACHED:
                _check(base, path, status)
                if "X-Page-Cache" in _check(base, path, status):
                    raise RuntimeError(f"{path} came from the page cache")
                _wrk(base + path, duration=WARMUP)
                results[label] = _wrk(base + path)
        cache.flushdb()
    # The bare view is measured first and last: drift on a shared machine shows.
    bare = (results[TARGETS[0][0]]["rps"] + results[BARE_AGAIN]["rps"]) / 2
    cached = [results[label]["rps"] / bare for label, _, _, hit in TARGETS if hit]
    verdict = "met" if min(cached) >= TARGET_RATIO else "NOT met"
    return [
        f"gunicorn {WORKERS} sync workers, wrk 1 thread, {CONNECTIONS} connections, "
        f"{DURATION} per endpoint, {os.cpu_count()} cores (shared with wrk, "
        "PostgreSQL and Redis)",
        *(_line(label, result, bare) for label, result in results.items()),
        f"ratios are to the mean of the two bare-view runs ({bare:.0f} req/s)",
        f"cached pages vs bare view: worst {min(cached):.2f}x "
        f"(target >= {TARGET_RATIO}x: {verdict})",
    ]
