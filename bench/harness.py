"""Shared pieces of the server benchmarks: a throw-away PostgreSQL database, manage.py
and gunicorn subprocesses, percentiles. Everything stays on 127.0.0.1."""

from __future__ import annotations

import contextlib
import math
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SECRET = "bench-only-secret-key-not-for-production-use-0123456789"  # noqa: S105


@contextlib.contextmanager
def temp_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards; yields its URL."""
    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings as a deployment would set them (plain HTTP on loopback)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lumen_cms.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": REDIS_URL,
        "EMAIL_URL": "consolemail://",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    env.update(extra)
    return env


def manage(
    *args: str, env: dict[str, str], timeout: float = 900, cwd: Path = ROOT
) -> str:
    """manage.py of this project (or of the project in ``cwd``); its stdout."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}"
        )
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=2) as response,  # noqa: S310
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int, threads: int = 1, port: int | None = None
) -> Iterator[str]:
    """gunicorn on 127.0.0.1 (command-line flags only); yields the base URL."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "lumen_cms.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--timeout",
        "60",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed after the server
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_up(f"{base}/healthz")
        except RuntimeError:
            log.seek(0)
            raise RuntimeError(
                f"gunicorn did not start:\n{log.read()[-3000:]}"
            ) from None
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


class Server(NamedTuple):
    base: str  # http://127.0.0.1:port
    pid: int  # the gunicorn master; its workers are its children


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children, from /proc."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(stat.parent.name) == pid or int(fields[1]) == pid:
                ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, *, timeout: float = 120, busy: float = 0.05) -> float:
    """Wait until a server stops burning CPU (requests a load generator left in
    flight are finished), so they do not slow the next measurement; seconds waited."""
    started = time.monotonic()
    before = cpu_seconds(pid)
    while time.monotonic() - started < timeout:
        time.sleep(0.5)
        now = cpu_seconds(pid)
        if now - before < busy:
            break
        before = now
    return time.monotonic() - started


@contextlib.contextmanager
def gunicorn_shipped(
    env: dict[str, str],
    *,
    port: int,
    app: str = "lumen_cms.wsgi",
    cwd: Path = ROOT,
    ready: str = "/healthz",
) -> Iterator[Server]:
    """gunicorn with this project's gunicorn.conf.py as shipped (workers, threads,
    max_requests from its defaults; BENCH_WORKERS overrides the worker count), quiet
    access log. Its own process group, so no worker outlives the benchmark."""
    server_env_ = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    if os.environ.get("BENCH_WORKERS"):
        server_env_["GUNICORN_WORKERS"] = os.environ["BENCH_WORKERS"]
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed after the server
    process = subprocess.Popen(  # noqa: S603
        [*command, app],
        cwd=cwd,
        env=server_env_,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_up(f"{base}{ready}")
        except RuntimeError:
            log.seek(0)
            raise RuntimeError(
                f"gunicorn ({app}) did not start:\n{log.read()[-3000:]}"
            ) from None
        yield Server(base, process.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def wrk(
    url: str,
    *,
    connections: int,
    duration: str,
    script: Path | None = None,
    timeout: str = "30s",
) -> dict[str, float]:
    """One wrk run (1 thread): req/s, p50/p99 in ms, socket errors, non-2xx/3xx.
    A slow answer counts up to ``timeout`` (wrk's default, 2 s, drops it)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}", "--latency"]
    command += ["--timeout", timeout]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True, timeout=600
    ).stdout
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1)),
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]
