"""What a visitor does on the public site: reach GDPR from any page, search, fix form
errors from the summary, see the form busy while it posts, compare legal versions."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import seed
from tests.e2e.helpers import wait_for_min_fill_time

pytestmark = pytest.mark.e2e


def test_gdpr_is_one_click_from_any_page(page: Page, page_errors: list[str]):
    page.goto("/status/")
    page.get_by_role("navigation", name="Account and help").get_by_role(
        "link", name="GDPR"
    ).click()
    expect(page).to_have_url(re.compile(r"/gdpr/$"))
    main = page.get_by_role("main")
    expect(
        main.get_by_role("link", name="Accept Lumen's Data Protection terms")
    ).to_be_visible()
    expect(
        main.get_by_role("link", name=re.compile("^Lumen Data Protection Exhibit"))
    ).to_be_visible()
    main.get_by_role("link", name=re.compile("Every version")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Versions of")
    expect(page.locator(".legal-versions__item").last).to_contain_text("Published")
    assert page_errors == []


def test_search_labels_types_marks_words_and_suggests(
    page: Page, page_errors: list[str]
):
    page.goto("/")
    page.get_by_role("searchbox", name="Search Lumen").fill("backup")
    page.get_by_role("searchbox", name="Search Lumen").press("Enter")
    results = page.locator(".search-results__item")
    expect(results.first).to_be_visible()
    expect(results.filter(has_text="Simple Backup Service Backups")).to_have_count(1)
    expect(results.first.locator(".badge")).to_contain_text("Pricing")
    expect(results.first.locator("mark").first).to_have_text(re.compile("backup", re.I))

    page.goto("/search/?q=mysqll")
    page.get_by_role("link", name="mysql", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("for “mysql”")
    page.get_by_role("link", name=re.compile(r"^Services \(")).click()
    expect(page.locator(".search-results__item .badge")).to_have_text(
        ["Service", "Service"]
    )
    assert page_errors == []


def test_error_summary_takes_focus_and_links_to_fields(page: Page):
    page.goto("/support/")
    page.get_by_label("Email").fill("not-an-email")
    wait_for_min_fill_time(page)
    page.get_by_role("button", name="Submit").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Email: Enter a valid email")).click()
    expect(page).to_have_url(re.compile("#id_email$"))
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")


def test_submit_button_is_busy_and_posts_only_once(page: Page):
    page.goto("/contact-us/")
    page.get_by_label("Name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Company").fill("Analytical Engines Ltd")
    page.get_by_label("Message").fill("Please call me.")
    # Hold the submission in the page (after the form's own handler has run), so the
    # busy state can be seen and a second click tried.
    page.evaluate(
        """() => {
          const form = document.querySelector("form[data-lumen-form]");
          window.submits = 0;
          form.addEventListener("submit", (event) => {
            if (!event.defaultPrevented) { window.submits += 1; }
            event.preventDefault();
          });
        }"""
    )
    button = page.get_by_role("button", name="Submit")
    button.click()
    busy = page.locator("button[aria-busy=true]")
    expect(busy).to_have_text("Sending…")
    expect(busy).to_have_attribute("aria-disabled", "true")
    busy.click(force=True)  # a second, impatient click
    page.evaluate("document.querySelector('form[data-lumen-form]').requestSubmit()")
    assert page.evaluate("window.submits") == 1


def test_choosing_the_same_version_twice_says_so(page: Page):
    page.goto("/gdpr/dp-exhibit/versions/")
    page.get_by_label("From").select_option(seed.SECOND_LABEL)
    page.get_by_label("To").select_option(seed.SECOND_LABEL)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("alert")).to_contain_text(
        f"You chose version {seed.SECOND_LABEL} twice"
    )
    expect(page.get_by_label("From")).to_have_attribute("aria-invalid", "true")
