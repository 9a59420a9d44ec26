"""Every main page type renders cleanly in a browser; screenshots for review.

Screenshots go to test-artifacts/screenshots/<name>.png (not committed).
"""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import seed

pytestmark = pytest.mark.e2e

PAGE_TYPES = [
    ("home", "/", 200, "Cloud services that keep Hybrid IT simple"),
    ("category", "/managed-services/", 200, "Managed Services"),
    ("service", "/managed-services/apache/", 200, "Apache"),
    ("legal-version", "/gdpr/dp-exhibit/v/2018-05/", 200, "Data Protection Exhibit"),
    (
        "legal-diff",
        f"/gdpr/dp-exhibit/diff/2018-05/{seed.SECOND_LABEL}/",
        200,
        "changes from version 2018-05",
    ),
    ("form", "/contact-us/", 200, "Contact Us"),
    ("estimator", "/estimator/", 200, "Online Estimator"),
    ("pricing-catalog", "/pricing/", 200, "Pricing Catalog"),
    ("article", "/blog/headless-site/", 200, "Our public site is now headless"),
    ("status", "/status/", 200, "Status"),
    ("not-found", "/no-such-page/", 404, "404"),
    ("search", "/search/?q=apache", 200, "Search Lumen"),
]


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
