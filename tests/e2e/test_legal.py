"""Two published versions of the DP Exhibit compared through the versions page."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import seed

pytestmark = pytest.mark.e2e


def test_compare_two_versions(page: Page, page_errors: list[str]):
    page.goto("/gdpr/dp-exhibit/")
    page.get_by_role("link", name="All versions").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Versions of")
    versions = page.locator(".legal-versions__item")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text(f"Version {seed.SECOND_LABEL}")
    expect(versions.first).to_contain_text("In effect")
    expect(versions.nth(1)).to_contain_text("Superseded")

    page.get_by_label("From").select_option("2018-05")
    page.get_by_label("To").select_option(seed.SECOND_LABEL)
    page.get_by_role("button", name="Compare").click()

    expect(page).to_have_url(
        re.compile(rf"/gdpr/dp-exhibit/diff/2018-05/{seed.SECOND_LABEL}/$")
    )
    expect(page.get_by_role("status")).to_contain_text("1 added")
    expect(page.get_by_role("status")).to_contain_text("1 changed")
    changed = page.locator(".legal-diff__entry--changed")
    expect(changed.locator("del")).to_have_text(seed.OLD_WORDING.split()[0])
    expect(changed.locator("ins")).to_have_text(seed.NEW_WORDING.split()[0])
    added = page.locator(".legal-diff__entry--added")
    expect(added.locator("ins")).to_contain_text(seed.NEW_CLAUSE_TEXT)

    page.get_by_role("link", name="Swap direction").click()
    expect(page.get_by_role("status")).to_contain_text("1 removed")
    expect(page.locator(".legal-diff__entry--changed del")).to_have_text("Lumen")
    assert page_errors == []
