"""A live server with the seeded site (tests/e2e/server.py), and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page

from tests.e2e.server import ARTIFACTS, ServerError, seeded_server

SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("LUMEN_E2E_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[str]:
    """Seed a throw-away database, serve it, yield the base URL."""
    try:
        with seeded_server(tmp_path_factory.mktemp("e2e")) as base_url:
            yield base_url
    except ServerError as error:
        pytest.fail(str(error))


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
