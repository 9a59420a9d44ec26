"""The Online Estimator in a browser: live totals, lines added and removed in place,
the back button, data-center switches, phones, and the same form without JavaScript."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def monthly_total(page: Page) -> Locator:
    return page.locator("#est-total-amount")


def lines(page: Page) -> Locator:
    return page.locator("fieldset.est-line")


def settled(page: Page) -> None:
    """Wait until the estimator's live update (fetch and morph) has finished."""
    expect(page.locator("#estimator-app")).not_to_have_class(re.compile(r"\bis-busy\b"))


def api_total(base_url: str, query: str) -> str:
    with urllib.request.urlopen(f"{base_url}/api/estimator/?{query}") as response:  # noqa: S310
        return json.loads(response.read())["monthly_total"]


def test_live_totals_follow_the_form_and_the_url(page: Page, page_errors, base_url):
    page.goto("/estimator/")
    expect(monthly_total(page)).to_have_text("$63.60")
    cpu = page.locator("#server1-cpu")
    cpu.fill("8")
    expect(page).to_have_url(re.compile(r"server1-cpu=8"))
    query = page.url.split("?", 1)[1]
    expect(monthly_total(page)).to_have_text(f"${api_total(base_url, query)}")
    expect(cpu).to_be_focused()  # updated in place: focus and input kept
    expect(page.locator("#est-live")).to_contain_text("Estimated monthly total")
    assert page_errors == []


def test_add_and_remove_lines_in_place_and_go_back(page: Page, page_errors):
    page.goto("/estimator/")
    page.get_by_role("button", name="Add a server").click()
    expect(lines(page)).to_have_count(2)
    expect(page.locator("#server2-os")).to_be_focused()
    expect(page).to_have_url(re.compile(r"server2-os=linux"))
    page.locator("#server2-cpu").fill("16")
    expect(page).to_have_url(re.compile(r"server2-cpu=16"))

    page.get_by_role("button", name="Remove Server 1").click()
    expect(lines(page)).to_have_count(1)  # gone from the page, not just the total
    expect(page.locator("#server1-cpu")).to_have_value("16")
    expect(page.get_by_role("button", name="Add a server")).to_be_focused()

    page.go_back()
    expect(lines(page)).to_have_count(2)
    assert page_errors == []


def test_managed_apps_each_on_their_own_priced_row(page: Page, page_errors):
    page.goto("/estimator/?dc=VA1&server1-os=windows&server1-managed=on")
    page.locator("#server1-add_app").select_option("ms-sql")
    page.get_by_role("button", name="Add application to Server 1").click()
    expect(page.locator("#server1-app-ms-sql-row")).to_contain_text("a month")
    settled(page)
    # The chooser is back to its prompt: a second Add must not add another app.
    expect(page.locator("#server1-add_app")).to_have_value("")
    page.locator("#server1-add_app").select_option("iis")
    settled(page)
    page.get_by_role("button", name="Add application to Server 1").click()
    expect(page.locator("fieldset.est-app")).to_have_count(2)
    expect(page.locator("#server1-app-iis-price")).to_have_text("$151.20 a month")
    assert page_errors == []


def test_switching_data_center_keeps_the_lines_that_apply(page: Page, page_errors):
    page.goto("/estimator/?dc=VA1&server1-os=linux&hyperscale1-os=linux")
    va1 = monthly_total(page).inner_text()
    page.locator("#dc").select_option("AU1")
    expect(page.locator("#hyperscale1")).to_contain_text(
        "Hyperscale servers are not offered in AU1"
    )
    expect(page.locator("#estimate-results")).to_contain_text("Not included")
    page.locator("#dc").select_option("VA1")
    expect(monthly_total(page)).to_have_text(va1)
    assert page_errors == []


def test_errors_are_summarised_and_linked(page: Page):
    page.goto("/estimator/")
    page.locator("#server1-cpu").fill("40")
    page.get_by_role("button", name="Calculate", exact=True).click()
    summary = page.locator("#est-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(
        "Server 1, vCPU: Enter a whole number from 1 to 16."
    )
    summary.get_by_role("link").first.click()
    expect(page.locator("#server1-cpu")).to_be_focused()


def test_no_horizontal_overflow_on_a_phone(browser, base_url):
    context = browser.new_context(viewport=PHONE, base_url=base_url)
    page = context.new_page()
    page.goto(
        "/estimator/?dc=VA1&server1-os=windows&server1-managed=on&server1-app-ms-sql=2"
        "&baremetal1-config=2&backup1-storage=10&dedicated-load-balancer-200=1&compare=1"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    expect(page.locator("#est-quicktotal")).to_be_visible()
    context.close()


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_the_same_form_works_without_javascript(page: Page):
    page.goto("/estimator/")
    expect(lines(page)).to_have_count(1)
    before = monthly_total(page).inner_text()

    page.get_by_role("button", name="Add a server").click()
    expect(lines(page)).to_have_count(2)
    assert page.url.endswith("#server2")

    page.locator("#server2-cpu").fill("16")
    page.locator("#server2-memory").fill("64")
    page.get_by_role("button", name="Calculate", exact=True).click()
    expect(page.locator("#server2-cpu")).to_have_value("16")
    after = monthly_total(page).inner_text()
    assert after != before

    page.get_by_role("button", name="Remove Server 1").click()
    expect(lines(page)).to_have_count(1)
    expect(page.locator("#server1-cpu")).to_have_value("16")
    assert monthly_total(page).inner_text() not in (before, after)
