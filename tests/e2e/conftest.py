"""A live server with the seeded site, and Debian's Chromium for Playwright.

The server is ``manage.py runserver`` in a subprocess on a free port with a throw-away
database (SQLite, or a scratch PostgreSQL database when DATABASE_URL points at one), so
the test process never shares a database connection with Playwright's event loop.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("LUMEN_E2E_CHROMIUM", "/usr/bin/chromium")
STARTUP_TIMEOUT = 60


def _free_port() -> int:
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
            pytest.fail(f"The e2e server exited; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - local URL
                return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"The e2e server did not answer within {STARTUP_TIMEOUT} s; see {log}")


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[str]:
    """Seed a throw-away database, serve it, yield the base URL."""
    ARTIFACTS.mkdir(exist_ok=True)
    database_url, drop_database = _scratch_database(tmp_path_factory.mktemp("e2e"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "LUMEN_E2E_DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    log = ARTIFACTS / "e2e-server.log"
    port = _free_port()
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
                pytest.fail(f"Seeding the e2e site failed; see {log}")
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


@pytest.fixture(scope="session")
def base_url(live_site: str) -> str:
    """pytest-playwright resolves ``page.goto("/path/")`` against this."""
    return live_site


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: Playwright cannot download its own browser builds here."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test-e2e` installs it.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save a full-page screenshot as test-artifacts/screenshots/<name>.png."""

    def take(page: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def page_errors(page: Page) -> list[str]:
    """Script errors, console errors and failed requests other than the page's own."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        # A form re-shown with status 400 logs its own load as failed: not an error.
        if message.type == "error" and message.location.get("url") != page.url:
            errors.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and errors.append(f"{response.status} {response.url}")
        ),
    )
    return errors
