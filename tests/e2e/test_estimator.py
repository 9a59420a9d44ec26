"""The Online Estimator: live totals with JavaScript, add-and-recompute without it."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

API = "**/api/estimator/"


def monthly_total(page: Page) -> Locator:
    return page.locator("#estimate-results tr.total td").first


def result_lines(page: Page) -> Locator:
    return page.locator("#estimate-results tbody tr")


def test_live_totals_follow_the_form(page: Page, page_errors: list[str]):
    with page.expect_response(API):
        page.goto("/estimator/")
    total = monthly_total(page)
    expect(total).to_have_text(re.compile(r"^\$\d[\d,]*\.\d\d$"))
    before = total.inner_text()

    with page.expect_response(API) as response_info:
        page.locator("#id_servers-0-cpu").fill("8")
    response = response_info.value
    assert response.ok
    live = response.json()["monthly_total"]
    expect(total).to_have_text(f"${live}")
    assert total.inner_text() != before
    expect(result_lines(page)).to_have_count(1)
    expect(result_lines(page).first).to_contain_text("Standard Linux server, 8 vCPU")
    assert page.url.endswith("/estimator/")  # updated in place, no page load

    assert page_errors == []

    # The server-side Calculate (live updates cut off) gives the same total.
    page.route(API, lambda route: route.abort())
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator("#id_servers-0-cpu")).to_have_value("8")
    expect(monthly_total(page)).to_have_text(f"${live}")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_add_a_line_and_recompute_without_javascript(page: Page):
    page.goto("/estimator/")
    expect(result_lines(page)).to_have_count(1)
    before = monthly_total(page).inner_text()

    page.get_by_role("button", name="Add servers line").click()
    second_cpu = page.locator("#id_servers-1-cpu")
    expect(second_cpu).to_be_visible()
    expect(result_lines(page)).to_have_count(2)

    second_cpu.fill("16")
    page.locator("#id_servers-1-memory").fill("64")
    page.get_by_role("button", name="Calculate").click()
    expect(result_lines(page)).to_have_count(2)
    expect(result_lines(page).first).to_contain_text("Linux server, 2 vCPU / 4 GB")
    expect(result_lines(page).nth(1)).to_contain_text("16 vCPU / 64 GB RAM")
    expect(second_cpu).to_have_value("16")
    after = monthly_total(page).inner_text()
    assert after != before

    page.get_by_role("button", name="Remove").first.click()
    expect(result_lines(page)).to_have_count(1)
    expect(page.locator("#id_servers-1-cpu")).to_have_value("16")
    assert monthly_total(page).inner_text() not in (before, after)
