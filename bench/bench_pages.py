"""Page serving against vanilla Wagtail, 404s, the pages API and search at 5,000 pages.

Servers: gunicorn with gunicorn.conf.py as shipped (production settings, PostgreSQL,
Redis, collected static files, the seeded site), driven by wrk on this machine. Every
ratio is to a baseline measured in the same phase, and each measurement is split in
BENCH_ROUNDS interleaved rounds so drift on a shared machine hits both sides alike.

1. A service page, page cache off, against a page at the same depth (home -> a page
   -> its child) of a vanilla `wagtail start` project on the same stack.
2. 404s of random URLs (a new path per request, wrk + Lua) once the site has 5,000
   more live pages, against a page-cache hit of the service page.
3. The pages API with `fields=*` against the same listing without it; the
   navigation API for reference.
4. Site search at 5,000 pages: sequential requests, p50/p95; the same requests
   in-process on PostgreSQL and on SQLite, with their query counts.
Query counts come from the same URLs run in-process (Django's test client) against the
same database and cache. Figures go to bench-results/bench_pages.{txt,json}.

Knobs (environment): BENCH_DURATION (per target, split over the rounds; 8s),
BENCH_ROUNDS (2), BENCH_CONNECTIONS (16), BENCH_WORKERS (gunicorn.conf.py's default),
BENCH_PAGES (5000), BENCH_SEARCH_ROUNDS (40), BENCH_PAGES_SQLITE=0 skips SQLite,
BENCH_PORT (first of 3 ports; free ones otherwise), BENCH_DB_PREFIX (databases
<prefix>_pages_<pid> and <prefix>_vanilla_<pid>), BENCH_PG_URL, BENCH_REDIS_URL.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import redis

from bench import pages_report, vanilla_site
from bench.harness import (
    REDIS_URL,
    ROOT,
    Server,
    free_port,
    gunicorn_shipped,
    manage,
    percentile,
    server_env,
    temp_database,
    wait_idle,
    wrk,
)

CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
_DURATION = os.environ.get("BENCH_DURATION", "8s").strip()
DURATION = float(_DURATION.rstrip("sm")) * (60 if _DURATION.endswith("m") else 1)
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "2")))
WARMUP = "2s"
PAGES = int(os.environ.get("BENCH_PAGES", "5000"))
SEARCH_ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "40"))
SQLITE = os.environ.get("BENCH_PAGES_SQLITE", "1") != "0"

SERVICE = "/managed-services/mysql/"
API = "/api/v2/pages/?type=catalog.ServicePage"
API_ALL = API + "&fields=*"
NAVIGATION = "/api/v2/navigation/"
SEARCHES = ["mysql", "backup", "kubernetes", "kubernetis"]  # the last: a typo, no hit
LUA_RANDOM_404 = """math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/no-such-" .. math.random(1, 2000000000) .. "/")
end
"""
# (key, label, server, path, expected status, page cache answer expected)
PHASE_SEEDED = [
    ("healthz", "/healthz (ours)", "cached", "/healthz", 200, None),
    ("hit", "service page, page-cache hit", "cached", SERVICE, 200, "hit"),
    ("404_seed", "404, random URL per request", "cached", "/no-such-{n}/", 404, None),
    ("ours", "service page, page cache off", "uncached", SERVICE, 200, "off"),
    ("vanilla", "vanilla Wagtail child page", "vanilla", SERVICE, 200, None),
]
PHASE_MANY = [
    ("healthz_5k", "/healthz (ours)", "cached", "/healthz", 200, None),
    ("hit_5k", "service page, page-cache hit", "cached", SERVICE, 200, "hit"),
    ("404", "404, random URL per request", "cached", "/no-such-{n}/", 404, None),
    ("ours_5k", "service page, page cache off", "uncached", SERVICE, 200, "off"),
    ("api", "pages API, ServicePage", "cached", API, 200, None),
    ("api_all", "pages API, ServicePage, fields=*", "cached", API_ALL, 200, None),
    ("navigation", "navigation API", "cached", NAVIGATION, 200, None),
]
# key: (baseline key, short name)
BASELINES = {
    "healthz": ("vanilla", "vanilla"),
    "hit": ("vanilla", "vanilla"),
    "404_seed": ("hit", "hit"),
    "ours": ("vanilla", "vanilla"),
    "healthz_5k": ("hit_5k", "hit"),
    "404": ("hit_5k", "hit"),
    "ours_5k": ("hit_5k", "hit"),
    "api_all": ("api", "API"),
    "navigation": ("hit_5k", "hit"),
}
# (label, key, baseline key, target req/s ratio at least)
GOALS = [
    ("uncached service page vs vanilla Wagtail", "ours", "vanilla", 2.0),
    (f"404 (random URLs, +{PAGES:,} pages) vs page-cache hit", "404", "hit_5k", 0.5),
    ("pages API fields=* vs without (cost <= 3x)", "api_all", "api", 1 / 3),
]
SEARCH_TARGET_P95_MS = 50.0
SQLITE_TARGET_MS = 200.0
# Django's test client in the server's environment: per URL, the time (wall and this
# process's CPU, which a loaded machine inflates less) and queries of each round after
# two warm-up requests ({n} in a URL becomes the round number).
PROBE = """
import json, os, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
client, found = Client(HTTP_HOST="localhost"), {}
for url, rounds in json.loads(os.environ["BENCH_PROBE"]):
    samples = found[url] = {"ms": [], "cpu_ms": [], "queries": [], "status": []}
    for n in range(rounds + 2):
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url.replace("{n}", f"probe-{n}"))
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (time.process_time() - cpu) * 1000
        if n >= 2:
            samples["ms"].append(elapsed)
            samples["cpu_ms"].append(cpu)
            samples["queries"].append(len(queries))
            samples["status"].append(response.status_code)
found["_backend"] = type(get_search_backend()).__module__
print(json.dumps(found))
"""


def _get(base: str, path: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _check(base: str, path: str, status: int, cache: str | None) -> None:
    """The target answers as expected; a page-cache hit is really one."""
    path = path.replace("{n}", "check")
    for _ in range(2):  # the first request fills the caches
        got, headers, _ = _get(base, path)
    if got != status:
        raise RuntimeError(f"{base}{path} answered {got}, expected {status}")
    if cache == "hit" and headers.get("X-Page-Cache") != "hit":
        raise RuntimeError(f"{path} was not served from the page cache")
    if cache == "off" and "X-Page-Cache" in headers:
        raise RuntimeError(f"{path} came through the page cache")


def _measure(targets: list, servers: dict[str, Server], tmp: Path) -> dict[str, dict]:
    """wrk on every target, ROUNDS interleaved rounds of DURATION/ROUNDS each; after
    each run the server finishes what wrk left in flight before the next starts."""
    script = tmp / "random_404.lua"
    script.write_text(LUA_RANDOM_404)
    for _, _, server, path, status, cache in targets:
        _check(servers[server].base, path, status, cache)
    for server in {servers[t[2]] for t in targets}:
        wrk(server.base + "/", connections=CONNECTIONS, duration=WARMUP)
        wait_idle(server.pid)
    runs: dict[str, list[dict]] = {}
    per_round = f"{max(1.0, DURATION / ROUNDS):g}s"
    for round_ in range(ROUNDS):
        for key, _, name, path, _, _ in targets:
            server = servers[name]
            lua = script if "{n}" in path else None
            url = server.base + path.replace("{n}", "warm")
            if round_ == 0:
                wrk(url, connections=CONNECTIONS, duration=WARMUP, script=lua)
                wait_idle(server.pid)
            runs.setdefault(key, []).append(
                wrk(url, connections=CONNECTIONS, duration=per_round, script=lua)
            )
            runs[key][-1]["drain"] = wait_idle(server.pid)
    return {
        key: {
            "rps": sum(r["rps"] for r in rs) / len(rs),
            "rps_rounds": [round(r["rps"], 1) for r in rs],
            "p50": sum(r["p50"] for r in rs) / len(rs),
            "p99": max(r["p99"] for r in rs),
            "errors": sum(r["errors"] for r in rs),
            "non_2xx": sum(r["non_2xx"] for r in rs),
            "drain_seconds": round(sum(r["drain"] for r in rs), 1),
        }
        for key, rs in runs.items()
    }


def _probe(env: dict[str, str], urls: list[tuple[str, int]], cwd: Path = ROOT) -> dict:
    env = {**env, "BENCH_PROBE": json.dumps(urls), "DJANGO_LOG_LEVEL": "ERROR"}
    output = manage("shell", "-c", PROBE, env=env, cwd=cwd)
    return json.loads(output.strip().splitlines()[-1])


def _add_pages(env: dict[str, str], database_url: str | None) -> dict:
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.many_pages", str(PAGES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"adding pages failed:\n{result.stderr[-3000:]}")
    made = json.loads(result.stdout.strip().splitlines()[-1])
    if database_url:
        # Autovacuum would have run by now on a live site: statistics, and the GIN
        # pending list of the search index merged (the planner avoids it otherwise).
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    made["seconds"] = time.perf_counter() - started
    return made


def _search_http(base: str) -> dict[str, dict]:
    """Sequential requests, one keep-alive connection, queries interleaved."""
    port = int(base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    samples: dict[str, list[float]] = {q: [] for q in SEARCHES}
    hits: dict[str, int] = {}
    for round_ in range(SEARCH_ROUNDS + 2):
        for query in SEARCHES:
            started = time.perf_counter()
            connection.request(
                "GET", f"/search/?q={query}", headers={"Host": "localhost"}
            )
            response = connection.getresponse()
            body = response.read().decode()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise RuntimeError(f"search {query!r} answered {response.status}")
            if round_ >= 2:
                samples[query].append(elapsed)
            found = re.search(r"(\d+) results? for", body)
            hits[query] = int(found.group(1)) if found else -1
    connection.close()
    return {
        q: {"hits": hits[q], "p50": percentile(v, 50), "p95": percentile(v, 95)}
        for q, v in samples.items()
    }


def _count_queries(targets: list, envs: dict) -> dict[str, int]:
    """Queries per target, in-process against the same database and cache."""
    counts: dict[str, int] = {}
    for server in dict.fromkeys(t[2] for t in targets):
        mine = [(key, path) for key, _, s, path, _, _ in targets if s == server]
        env, cwd = envs[server]
        found = _probe(env, [(path, 3) for _, path in mine], cwd=cwd)
        counts |= {key: min(found[path]["queries"]) for key, path in mine}
    return counts


def _search_urls(rounds: int) -> list[tuple[str, int]]:
    return [(f"/search/?q={query}", rounds) for query in SEARCHES]


def _sqlite_search(tmp: Path) -> dict:
    """The same pages on SQLite (test settings, FTS5 where available), in-process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lumen_cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp / 'search.sqlite3'}",
    }
    manage("migrate", "--noinput", env=env)
    manage("load_lumen_site", env=env)
    made = _add_pages(env, None)
    return {"added": made, "probe": _probe(env, _search_urls(SEARCH_ROUNDS // 2))}


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607 - git from PATH, as make uses it
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        "+dirty" if git("status", "--porcelain") else ""
    )


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run() -> list[str]:
    if shutil.which("wrk") is None:
        return ["wrk not found: `make bench` installs it (apt-get install wrk)"]
    started = time.monotonic()
    prefix = os.environ.get("BENCH_DB_PREFIX", "lumen_bench")
    first_port = int(os.environ.get("BENCH_PORT", "0"))
    ports = [first_port + i if first_port else free_port() for i in range(3)]
    cache = redis.Redis.from_url(REDIS_URL)
    data: dict = {
        "date": datetime.date.today().isoformat(),
        "commit": _commit(),
        "load_average": {"start": _load()},
        "settings": {
            "connections": CONNECTIONS,
            "seconds_per_target": DURATION,
            "rounds": ROUNDS,
            "workers": os.environ.get("BENCH_WORKERS", "gunicorn.conf.py default"),
            "cores": os.cpu_count(),
        },
    }
    with (
        temp_database(f"{prefix}_pages") as url,
        temp_database(f"{prefix}_vanilla") as vanilla_url,
        tempfile.TemporaryDirectory() as tmp_name,
    ):
        tmp = Path(tmp_name)
        env = server_env(url)
        uncached_env = {**env, "PAGE_CACHE_TIMEOUT": "0"}
        manage("migrate", "--noinput", env=env)
        manage("load_lumen_site", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        (tmp / "vanilla").mkdir()
        vanilla_env = vanilla_site.build(tmp / "vanilla", vanilla_url)
        cache.flushdb()
        data["load_average"]["seeded"] = _load()
        with (
            gunicorn_shipped(env, port=ports[0]) as cached,
            gunicorn_shipped(uncached_env, port=ports[1]) as uncached,
            gunicorn_shipped(
                vanilla_env,
                port=ports[2],
                app=f"{vanilla_site.PROJECT}.wsgi",
                cwd=tmp / "vanilla",
                ready=vanilla_site.PAGE_PATH,
            ) as vanilla,
        ):
            servers = {"cached": cached, "uncached": uncached, "vanilla": vanilla}
            results = _measure(PHASE_SEEDED, servers, tmp)
        envs = {
            "cached": (env, ROOT),
            "uncached": (uncached_env, ROOT),
            "vanilla": (vanilla_env, tmp / "vanilla"),
        }
        queries = _count_queries(PHASE_SEEDED, envs)
        data["added"] = _add_pages(env, url)
        cache.flushdb()
        data["load_average"]["5k pages"] = _load()
        with (
            gunicorn_shipped(env, port=ports[0]) as cached,
            gunicorn_shipped(uncached_env, port=ports[1]) as uncached,
        ):
            servers = {"cached": cached, "uncached": uncached}
            sample = data["added"]["sample_url"]
            if _get(cached.base, sample)[0] != 200:
                raise RuntimeError(f"an added page, {sample}, is not served")
            results |= _measure(PHASE_MANY, servers, tmp)
            data["search_http"] = _search_http(cached.base)
        queries |= _count_queries(PHASE_MANY, envs)
        data["search_pg"] = _probe(env, _search_urls(SEARCH_ROUNDS // 2))
        cache.flushdb()
    if SQLITE:
        with tempfile.TemporaryDirectory() as tmp_name:
            data["sqlite"] = _sqlite_search(Path(tmp_name))
    data["load_average"]["end"] = _load()
    data["seconds"] = round(time.monotonic() - started)
    data["rows"] = pages_report.rows(
        PHASE_SEEDED + PHASE_MANY, results, queries, BASELINES
    )
    data["goals"] = _goals(data, results)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "bench_pages.json").write_text(json.dumps(data, indent=2) + "\n")
    return pages_report.text(data)


def _goals(data: dict, results: dict) -> list[dict]:
    """Each goal of the issue with its measured value; ratios of req/s, latencies."""
    goals = [
        pages_report.goal(
            label, results[key]["rps"] / results[base]["rps"], ">=", target
        )
        for label, key, base, target in GOALS
    ]
    worst = max(v["p95"] for v in data["search_http"].values())
    goals.append(
        pages_report.goal("search p95 over HTTP, ms", worst, "<=", SEARCH_TARGET_P95_MS)
    )
    if "sqlite" in data:
        probe = data["sqlite"]["probe"]
        slowest = max(percentile(probe[url]["ms"], 95) for url, _ in _search_urls(0))
        goals.append(
            pages_report.goal(
                "SQLite search p95 in-process, ms", slowest, "<=", SQLITE_TARGET_MS
            )
        )
    return goals
