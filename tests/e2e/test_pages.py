"""Every main page type renders cleanly in a browser; screenshots for review.

Screenshots go to test-artifacts/screenshots/<name>.png (not committed).
"""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import PAGE_TYPES

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("name", "path", "status", "heading"),
    PAGE_TYPES,
    ids=[name for name, *_ in PAGE_TYPES],
)
def test_page_type_renders(
    page: Page,
    page_errors: list[str],
    screenshot,
    name: str,
    path: str,
    status: int,
    heading: str,
):
    response = page.goto(path)
    assert response is not None and response.status == status
    page.wait_for_load_state("networkidle")  # e.g. the estimator's first live total
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    assert page_errors == []
    assert screenshot(page, name).stat().st_size > 10_000
