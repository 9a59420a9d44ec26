"""axe-core on every page type at 1366 and 390 px; no sideways scrolling on phones.

Each check writes test-artifacts/axe/<page>-<width>.json (violations by rule, impact and
node count, and the page's horizontal overflow) and a full-page screenshot to
test-artifacts/screenshots/<page>-<width>.png, kept whether the check passes or not.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.helpers import wait_for_min_fill_time
from tests.e2e.pages import PAGE_TYPES
from tests.e2e.server import ARTIFACTS

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"1366": DESKTOP, "390": PHONE}
AXE_RESULTS = ARTIFACTS / "axe"

# Elements wider than the viewport, for a readable failure message.
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > limit + 1) {
      let scroller = el.parentElement, clipped = false;
      while (scroller && scroller !== document.body) {
        const style = getComputedStyle(scroller);
        if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) {
          clipped = true; break;
        }
        scroller = scroller.parentElement;
      }
      const right = Math.round(box.right);
      const tag = `${el.tagName.toLowerCase()}.${el.className}`;
      if (!clipped) found.push(`${tag} (${right} px)`);
    }
    if (found.length >= 5) break;
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: limit,
    elements: found,
  };
}"""


def check_page(page: Page, screenshot, name: str, width: str) -> dict[str, Any]:
    """Run axe, measure overflow, keep the screenshot and JSON; return the figures."""
    results = Axe().run(page)
    overflow = page.evaluate(OVERFLOWING)
    figures = {
        "page": name,
        "width": int(width),
        "url": page.url,
        "violations": [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "nodes": len(violation["nodes"]),
                "targets": [node["target"] for node in violation["nodes"][:5]],
            }
            for violation in results.response["violations"]
        ],
        "overflow_px": overflow["scrollWidth"] - overflow["clientWidth"],
        "overflowing": overflow["elements"],
    }
    AXE_RESULTS.mkdir(parents=True, exist_ok=True)
    (AXE_RESULTS / f"{name}-{width}.json").write_text(json.dumps(figures, indent=2))
    screenshot(page, f"{name}-{width}")
    return {**figures, "report": results.generate_report()}


def assert_clean(figures: dict[str, Any]) -> None:
    assert figures["violations"] == [], figures["report"]
    if figures["width"] <= PHONE["width"]:
        assert figures["overflow_px"] <= 0, (
            f"{figures['url']} scrolls sideways by {figures['overflow_px']} px at "
            f"{figures['width']} px: {figures['overflowing']}"
        )


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize(
    ("name", "path", "status", "heading"),
    PAGE_TYPES,
    ids=[name for name, *_ in PAGE_TYPES],
)
def test_page_type_is_accessible(
    page: Page,
    screenshot,
    name: str,
    path: str,
    status: int,
    heading: str,
    width: str,
):
    page.set_viewport_size(VIEWPORTS[width])
    response = page.goto(path)
    assert response is not None and response.status == status
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_clean(check_page(page, screenshot, name, width))


@pytest.mark.parametrize("width", VIEWPORTS)
def test_form_with_errors_is_accessible(page: Page, screenshot, width: str):
    page.set_viewport_size(VIEWPORTS[width])
    page.goto("/support/")
    page.get_by_label("Email").fill("not-an-email")
    wait_for_min_fill_time(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".lumen-form__field--error").first).to_be_visible()
    assert_clean(check_page(page, screenshot, "form-errors", width))


@pytest.mark.parametrize("width", VIEWPORTS)
def test_thank_you_page_is_accessible(page: Page, screenshot, width: str):
    page.set_viewport_size(VIEWPORTS[width])
    page.goto("/contact-us/")
    page.get_by_label("Name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Company").fill("Analytical Engines Ltd")
    page.get_by_label("Message").fill("Please call me about managed MySQL.")
    wait_for_min_fill_time(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Thanks for contacting us!")).to_be_visible()
    assert_clean(check_page(page, screenshot, "form-thank-you", width))
