"""Each public form as a visitor fills it in, with the spam check on."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import wait_for_min_fill_time

pytestmark = pytest.mark.e2e

FAILURE = "There was a problem submitting the form. Please try again."
REJECTED = "could not be verified"


def submit(page: Page) -> None:
    wait_for_min_fill_time(page)
    page.get_by_role("button", name="Submit").click()


def test_contact_us(page: Page, page_errors: list[str]):
    page.goto("/contact-us/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact Us")
    page.get_by_label("Name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Company").fill("Analytical Engines Ltd")
    page.get_by_label("Message").fill("Please call me about managed MySQL.")
    submit(page)

    expect(page.get_by_text("Thanks for contacting us!")).to_be_visible()
    expect(page.get_by_text("A Lumen representative will contact you")).to_be_visible()
    expect(page.get_by_role("button", name="Submit")).to_have_count(0)
    assert page_errors == []


def test_support_request_shows_errors_then_succeeds(page: Page, page_errors: list[str]):
    page.goto("/support/")
    page.get_by_label("Name").fill("Grace Hopper")
    page.get_by_label("Email").fill("not-an-email")
    submit(page)

    expect(page.get_by_text(FAILURE)).to_be_visible()
    expect(page.get_by_text(REJECTED)).to_have_count(0)
    errors = page.locator(".lumen-form__field--error")
    expect(errors).to_have_count(3)  # subscription, email, how can we help
    expect(errors.filter(has=page.get_by_label("Email"))).to_contain_text(
        "Enter a valid email address."
    )
    expect(errors.filter(has=page.get_by_label("How can we help?"))).to_contain_text(
        "This field is required."
    )
    expect(page.get_by_label("Name")).to_have_value("Grace Hopper")

    page.get_by_label("Private Cloud").check()
    page.get_by_label("Email").fill("grace@example.com")
    page.get_by_label("How can we help?").fill("Our private cloud VM will not boot.")
    submit(page)

    expect(page.get_by_text("A representative will reach out to you")).to_be_visible()
    follow_up = page.get_by_role("link", name="Private Cloud support")
    expect(follow_up).to_have_attribute("href", "/knowledge-base/")
    assert page_errors == []


def test_dp_terms_acceptance_confirms_version(page: Page, page_errors: list[str]):
    page.goto("/gdpr/accept-dp-terms/")
    terms = page.locator(".lumen-form-page__terms")
    expect(terms).to_contain_text("version 2021-01")
    sha256 = terms.locator("code").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", sha256)

    page.get_by_label("Company", exact=True).fill("Acme GmbH")
    page.get_by_label("Signer name").fill("Grace Hopper")
    page.get_by_label("Title", exact=True).fill("CTO")
    page.get_by_label("Email").fill("grace@acme.example")
    page.get_by_label("I am authorised to bind the company").check()
    page.get_by_label("I accept Lumen's Data Protection terms").check()
    submit(page)

    expect(
        page.get_by_text("Your acceptance of Lumen's Data Protection")
    ).to_be_visible()
    confirmation = page.locator(".acceptance-record")
    expect(confirmation).to_contain_text("Your acceptance record")
    expect(confirmation).to_contain_text("2021-01")
    expect(confirmation.locator("code")).to_have_text(sha256)
    confirmation.get_by_role("link", name="2021-01").click()
    expect(page).to_have_url(re.compile(r"/gdpr/dp-exhibit/v/2021-01/$"))
    assert page_errors == []
