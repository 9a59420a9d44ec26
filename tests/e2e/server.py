"""A live server with the seeded site, shared by the browser tests and Lighthouse.

The server is ``manage.py runserver`` in a subprocess on a free port with a throw-away
database (SQLite, or a scratch PostgreSQL database when DATABASE_URL points at one), so
the test process never shares a database connection with Playwright's event loop.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
STARTUP_TIMEOUT = 60


class ServerError(RuntimeError):
    """The seeded server could not be started; the message names the log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _scratch_database(tmp: Path) -> tuple[str, Callable[[], None]]:
    """A database URL for this run and a function that drops it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'e2e.sqlite3'}", lambda: None
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'lumen'}_e2e_{os.getpid()}"
    maintenance = urlunsplit(parts._replace(path="/postgres"))

    def run(statement: str) -> None:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    run("CREATE DATABASE {}")
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)"
    )


def _wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerError(f"The e2e server exited; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - local URL
                return
        except OSError:
            time.sleep(0.25)
    raise ServerError(f"No answer from the server in {STARTUP_TIMEOUT} s; see {log}")


@contextmanager
def seeded_server(tmp: Path, *, log_name: str = "e2e-server.log") -> Iterator[str]:
    """Seed a throw-away database, serve it, yield the base URL; stop and drop after."""
    ARTIFACTS.mkdir(exist_ok=True)
    database_url, drop_database = _scratch_database(tmp)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "LUMEN_E2E_DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    log = ARTIFACTS / log_name
    port = int(os.environ.get("LUMEN_E2E_PORT") or free_port())
    base_url = f"http://127.0.0.1:{port}"
    server = None
    try:
        with log.open("w") as out:
            seeded = subprocess.run(
                [sys.executable, "-m", "tests.e2e.seed"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
            if seeded.returncode:
                raise ServerError(f"Seeding the e2e site failed; see {log}")
            server = subprocess.Popen(  # noqa: S603 - fixed arguments
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_until_serving(base_url + "/", server, log)
        yield base_url
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        drop_database()
