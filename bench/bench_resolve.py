"""Resolve latency against rendering the HTML page of the same URL, through gunicorn
as shipped (gunicorn.conf.py, production settings, PostgreSQL, Redis, seeded site).

One client sends sequential requests; each round interleaves every measurement so
load on the shared machine drifts over all of them alike. Three states:
- cold: the cache emptied before each request (the first visitor after a deploy);
- after publish: the page cache's generation bumped and the menus dropped, as a
  publish does (site root paths and content types stay cached);
- warm: the answer is in the cache (page cache hit / resolve hit).
Reported: p50 and p90 latency, and resolve's p50 as a ratio to the HTML page's;
then the same cold requests in-process (Django's test client in `manage.py shell`,
same database and cache): CPU time per request, without network or client noise.
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import time
import urllib.parse

import redis

from bench.harness import (
    REDIS_URL,
    ROOT,
    free_port,
    manage,
    percentile,
    server_env,
    temp_database,
    wait_until_up,
)

ROUNDS = int(os.environ.get("BENCH_RESOLVE_ROUNDS", "40"))
PATHS = ["/managed-services/mysql/", "/", "/gdpr/dp-exhibit/"]
STATES = ["cold", "after publish", "warm"]
TARGET = 1.0  # cold resolve <= cold HTML page
IN_PROCESS = """
import json, time
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, found = Client(HTTP_HOST="localhost"), {{}}
for _ in range(3):
    for url in {urls!r}:
        client.get(url)
for _ in range({rounds}):
    for url in {urls!r}:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.process_time()
            assert client.get(url).status_code == 200, url
            cpu = (time.process_time() - started) * 1000
        found.setdefault(url, []).append((cpu, len(queries)))
print(json.dumps(found))
"""


def _gunicorn(env: dict[str, str], port: int):
    import subprocess

    server_env_ = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": os.environ.get("BENCH_WORKERS", "2"),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lumen_cms.wsgi"],
        cwd=ROOT,
        env=server_env_,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _prepare(cache: redis.Redis, state: str) -> None:
    if state == "cold":
        cache.flushdb()
    elif state == "after publish":
        cache.incr(":1:lumen-page-cache:generation")
        stale = [
            *cache.scan_iter(":1:template.cache.lumen_*"),
            *cache.scan_iter(":1:lumen-navigation:data:*"),
        ]
        if stale:
            cache.delete(*stale)


def _get(connection: http.client.HTTPConnection, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    connection.request("GET", url, headers={"Host": "localhost"})
    response = connection.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status


def run() -> list[str]:
    cache = redis.Redis.from_url(REDIS_URL)
    prefix = os.environ.get("BENCH_DB_PREFIX", "lumen_bench")
    port = int(os.environ.get("BENCH_PORT", "0")) or free_port()
    timings: dict[tuple[str, str, str], list[float]] = {}
    with temp_database(f"{prefix}_resolve") as url:
        env = server_env(url, ALLOWED_HOSTS="localhost,127.0.0.1")
        manage("migrate", "--noinput", env=env)
        manage("load_lumen_site", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        cache.flushdb()
        server = _gunicorn(env, port)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            targets = [
                (kind, path, target)
                for path in PATHS
                for kind, target in (
                    ("html", path),
                    (
                        "resolve",
                        "/api/v2/resolve/?" + urllib.parse.urlencode({"path": path}),
                    ),
                )
            ]
            for _ in range(3):  # every worker imported and warm
                for _, _, target in targets:
                    _get(connection, target)
            for _ in range(ROUNDS):
                for state in STATES:
                    for kind, path, target in targets:
                        _prepare(cache, state)
                        if state == "warm":
                            _get(connection, target)
                        elapsed, status = _get(connection, target)
                        if status != 200:
                            raise RuntimeError(f"{target} answered {status}")
                        timings.setdefault((state, path, kind), []).append(elapsed)
            connection.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
        urls = [target for _, _, target in targets]
        script = IN_PROCESS.format(urls=urls, rounds=ROUNDS)
        output = manage("shell", "-c", script, env={**env, "DJANGO_LOG_LEVEL": "ERROR"})
        in_process = json.loads(output.strip().splitlines()[-1])
        cache.flushdb()
    lines = [
        f"gunicorn.conf.py as shipped ({os.environ.get('BENCH_WORKERS', '2')} "
        f"workers, 4 threads), one sequential client, {ROUNDS} interleaved rounds, "
        f"{os.cpu_count()} cores shared with PostgreSQL and Redis; load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg()),
        f"{'state':14} {'path':26} {'HTML p50/p90 ms':>17} {'resolve p50/p90 ms':>19}"
        f" {'ratio':>6}",
    ]
    worst_cold = 0.0
    for state in STATES:
        for path in PATHS:
            html = timings[(state, path, "html")]
            resolve = timings[(state, path, "resolve")]
            ratio = percentile(resolve, 50) / percentile(html, 50)
            if state == "cold":
                worst_cold = max(worst_cold, ratio)
            lines.append(
                f"{state:14} {path:26} "
                f"{percentile(html, 50):>8.2f}/{percentile(html, 90):<8.2f} "
                f"{percentile(resolve, 50):>9.2f}/{percentile(resolve, 90):<9.2f} "
                f"{ratio:>6.2f}"
            )
    verdict = "met" if worst_cold <= TARGET else "NOT met"
    lines.append(
        f"cold resolve vs cold HTML page, worst p50 ratio {worst_cold:.2f} "
        f"(target <= {TARGET:.1f}: {verdict})"
    )
    lines.append("in-process, cold (every cache empty): CPU p50 ms and queries")
    for path in PATHS:
        html = in_process[path]
        resolve = in_process[
            "/api/v2/resolve/?" + urllib.parse.urlencode({"path": path})
        ]
        html_cpu = percentile([cpu for cpu, _ in html], 50)
        resolve_cpu = percentile([cpu for cpu, _ in resolve], 50)
        lines.append(
            f"  {path:26} HTML {html_cpu:6.2f} ms, {html[-1][1]:>2} queries; "
            f"resolve {resolve_cpu:6.2f} ms, {resolve[-1][1]:>2} queries; "
            f"ratio {resolve_cpu / html_cpu:.2f}"
        )
    return lines
