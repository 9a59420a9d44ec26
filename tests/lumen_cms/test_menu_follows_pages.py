"""Menu items linked to pages show the page's current title and summary unless the
editor typed their own; the seed leaves the texts that equal the page's empty."""

from wagtail.models import Site

import pytest

from catalog.models import ProductCategoryPage, ServicePage
from lumen_cms.models import NavigationSettings
from lumen_cms.navigation import build_navigation


def menu_items(site: Site) -> dict[str, dict]:
    """Every mega-menu item by URL."""
    return {
        item["url"]: item
        for entry in build_navigation(site)["mega_menu"]
        for column in entry["columns"]
        for group in column["groups"]
        for item in group["items"]
    }


def unwrap(item: dict) -> dict:
    """List items are stored as {"type": "item", "value": ...} or plain."""
    return item["value"] if set(item) <= {"type", "value", "id"} else item


def stored_columns(site: Site) -> list[dict]:
    return [
        unwrap(column)
        for entry in NavigationSettings.for_site(site).mega_menu.raw_data
        for column in entry["value"]["columns"]
    ]


def stored_items(site: Site) -> list[dict]:
    return [
        item["value"]
        for column in stored_columns(site)
        for item in column["items"]
        if item["type"] == "item"
    ]


def test_seed_stores_no_text_that_repeats_the_page(lumen_site):
    linked = [item for item in stored_items(lumen_site) if item.get("page")]
    assert len(linked) >= 15
    services = {s.pk: s for s in ServicePage.objects.all()}
    for item in linked:
        page = services.get(item["page"])
        if page is not None:
            assert item.get("title", "") in ("", None), item
            assert item.get("description", "") in ("", None), item
    columns = stored_columns(lumen_site)
    managed = next(
        c
        for c in columns
        if c["page"] == ProductCategoryPage.objects.get(slug="managed-services").pk
    )
    assert managed["title"] == ""


def test_menu_follows_the_page_title_and_summary(lumen_site):
    before = menu_items(lumen_site)["/managed-services/mysql/"]
    assert before["title"] == "MySQL"
    assert (
        before["description"] == "Management and maintenance for your MySQL workloads."
    )
    mysql = ServicePage.objects.get(slug="mysql")
    mysql.title = "MySQL & MariaDB"
    mysql.summary = "Managed MySQL and MariaDB, patched and backed up."
    mysql.save_revision().publish()
    after = menu_items(lumen_site)["/managed-services/mysql/"]
    assert after["title"] == "MySQL & MariaDB"
    assert after["description"] == "Managed MySQL and MariaDB, patched and backed up."
    category = ProductCategoryPage.objects.get(slug="managed-services")
    category.title = "Managed services"
    category.save_revision().publish()
    titles = [
        c["title"]
        for e in build_navigation(lumen_site)["mega_menu"]
        for c in e["columns"]
    ]
    assert "Managed services" in titles


@pytest.mark.parametrize("field", ["title", "description"])
def test_an_editor_typed_text_wins_over_the_page(lumen_site, field):
    settings = NavigationSettings.for_site(lumen_site)
    raw = settings.mega_menu.raw_data
    mysql = ServicePage.objects.get(slug="mysql")
    for entry in raw:
        for column in entry["value"]["columns"]:
            for item in unwrap(column)["items"]:
                if item["type"] == "item" and item["value"].get("page") == mysql.pk:
                    item["value"][field] = "Typed by the editor"
    settings.save()
    mysql.summary = mysql.title = "Changed on the page"
    mysql.save_revision().publish()
    assert menu_items(lumen_site)["/managed-services/mysql/"][field] == (
        "Typed by the editor"
    )
