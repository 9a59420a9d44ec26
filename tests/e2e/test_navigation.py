"""The mega-menu by keyboard, by mouse, on a narrow screen and without JavaScript."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

MOBILE = {"width": 390, "height": 844}


def menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def focused_text(page: Page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def tab_to(page: Page, name: str, *, limit: int = 20) -> None:
    """Press Tab from the top of the page until the named control has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page) == name:
            return
    pytest.fail(f"{name!r} was not reached within {limit} Tab presses")


def test_keyboard_reaches_a_service_page(page: Page, page_errors: list[str]):
    page.goto("/")
    products = menu(page).get_by_role("button", name="Products")
    pricing = menu(page).get_by_role("button", name="Pricing")
    panel = page.locator("#" + products.get_attribute("aria-controls"))
    expect(products).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()

    tab_to(page, "Products")
    page.keyboard.press("Enter")
    expect(products).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    page.keyboard.press("Escape")
    expect(products).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    expect(products).to_be_focused()

    page.keyboard.press("ArrowRight")
    expect(pricing).to_be_focused()
    page.keyboard.press("End")
    expect(menu(page).get_by_role("link", name="Support", exact=True)).to_be_focused()
    page.keyboard.press("Home")
    expect(products).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(menu(page).get_by_role("link", name="Support", exact=True)).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(products).to_be_focused()

    # Tabbing out of an open panel closes it.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    expect(pricing).to_have_attribute("aria-expanded", "true")
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(menu(page).get_by_role("button", name="For Developers")).to_be_focused()
    expect(pricing).to_have_attribute("aria-expanded", "false")

    # Down opens a panel on its first link; Down/Up move through the links.
    products.focus()
    page.keyboard.press("ArrowDown")
    expect(products).to_have_attribute("aria-expanded", "true")
    expect(panel.get_by_role("link").first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(products).to_be_focused()
    page.keyboard.press("ArrowDown")
    for _ in range(10):
        if focused_text(page).startswith("Apache"):
            break
        page.keyboard.press("ArrowDown")
    expect(panel.get_by_role("link", name=re.compile("^Apache Full"))).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/managed-services/apache/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apache")
    current = menu(page).locator("[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", "/managed-services/apache/")
    expect(page.locator(".mega-menu__entry--current")).to_contain_text("Products")
    assert page_errors == []


def test_mouse_reaches_a_service_page(page: Page, page_errors: list[str]):
    page.goto("/")
    products = menu(page).get_by_role("button", name="Products")
    pricing = menu(page).get_by_role("button", name="Pricing")

    products.click()
    expect(products).to_have_attribute("aria-expanded", "true")
    pricing.click()
    expect(pricing).to_have_attribute("aria-expanded", "true")
    expect(products).to_have_attribute("aria-expanded", "false")
    page.mouse.click(640, 890)  # below the open panel, outside the menu
    expect(pricing).to_have_attribute("aria-expanded", "false")

    products.click()
    menu(page).get_by_role("link", name=re.compile("^Apache Tomcat")).click()
    expect(page).to_have_url(re.compile(r"/managed-services/apache-tomcat/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apache Tomcat")
    expect(menu(page).get_by_role("button", name="Products")).to_have_attribute(
        "aria-expanded", "false"
    )
    assert page_errors == []


@pytest.mark.browser_context_args(viewport=MOBILE)
def test_narrow_screen_collapses_the_menu(page: Page, page_errors: list[str]):
    page.goto("/")
    toggle = menu(page).get_by_role("button", name="Menu")
    resources = menu(page).get_by_role("button", name="Resources")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(resources).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    resources.click()
    expect(menu(page).get_by_role("link", name=re.compile("^Blog"))).to_be_visible()
    page.keyboard.press("Escape")
    expect(resources).to_have_attribute("aria-expanded", "false")
    expect(resources).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(resources).to_be_hidden()

    toggle.click()
    menu(page).get_by_role("button", name="Products").click()
    menu(page).get_by_role("link", name=re.compile("^MySQL")).click()
    expect(page).to_have_url(re.compile(r"/managed-services/mysql/$"))
    assert page_errors == []


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_menu_works_without_javascript(page: Page):
    page.goto("/")
    expect(menu(page).get_by_role("button", name="Menu")).to_be_hidden()
    menu(page).locator("summary", has_text="Products").click()
    menu(page).get_by_role("link", name=re.compile("^Microsoft IIS")).click()
    expect(page).to_have_url(re.compile(r"/managed-services/microsoft-iis/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Microsoft IIS")
