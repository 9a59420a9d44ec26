"""A dead URL: the 404 page inside the site chrome, with suggestions that lead on."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_dead_url_suggests_the_page_meant(page: Page):
    response = page.goto("/managed-servces/apache/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("404")
    expect(page.get_by_text("Nothing lives at")).to_contain_text(
        "/managed-servces/apache/"
    )
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    suggestions = page.get_by_role("region", name="Were you looking for one of these?")
    expect(suggestions.get_by_role("link")).not_to_have_count(0)

    suggestions.get_by_role("link", name="Apache", exact=True).click()
    expect(page).to_have_url(re.compile(r"/managed-services/apache/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apache")
