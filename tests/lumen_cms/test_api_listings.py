"""Pages API listings of the shell's page types, and of mixed page types."""

import itertools

from django.db.models import Prefetch

from wagtail.api import APIField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

import pytest

from lumen_cms.models import HomePage
from resources.models import ArticlePage
from tests.api_listing import (
    LISTING,
    check_listing_budget,
    listing,
    make_image,
    page_link,
)
from tests.lumen_cms.factories import StandardPageFactory
from tests.resources.factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def link(page: Page, title: str = "") -> dict:
    return {"title": title, "page": page.pk, "url": ""}


def body(target: Page, image_title: str) -> list[dict]:
    return [
        {"type": "heading", "value": {"text": "Hello", "level": "h2"}},
        {"type": "paragraph", "value": page_link(target, "x")},
        {
            "type": "image",
            "value": {
                "image": make_image(image_title).pk,
                "alt_text": "",
                "caption": "",
            },
        },
        {
            "type": "call_to_action",
            "value": {"title": "Go", "text": "", "link": link(target)},
        },
        {
            "type": "card_grid",
            "value": {
                "heading": "",
                "cards": [
                    {"title": "A", "text": "", "link": link(target)},
                    {"title": "B", "text": "", "link": link(target, "B")},
                ],
            },
        },
        {
            "type": "link_list",
            "value": {"heading": "", "links": [link(target), link(target, "Two")]},
        },
    ]


def test_standard_pages(client, home_page):
    about = StandardPageFactory(parent=home_page, slug="about")

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            StandardPageFactory(
                parent=home_page,
                title=f"Page {n}",
                slug=f"page-{n}",
                body=body(about, f"Image {n}"),
            )

    items = check_listing_budget(client, "lumen_cms.StandardPage", add, budget=8)
    item = items[-1]
    n = item["title"].split()[-1]
    values = {block["type"]: block["value"] for block in item["body"]}
    assert values["call_to_action"]["link"]["page"] == about.pk
    assert [c["link"]["page"] for c in values["card_grid"]["cards"]] == [about.pk] * 2
    assert [li["page"] for li in values["link_list"]["links"]] == [about.pk] * 2
    assert isinstance(values["image"]["image"], int)
    assert values["paragraph"] == page_link(about, "x")  # stored form, as before
    assert item["title"] == f"Page {n}"


def test_home_pages(client, home_page):
    about = StandardPageFactory(parent=home_page, slug="about")

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            page = HomePage(
                title=f"Home {n}",
                slug=f"home-{n}",
                hero_heading="Hybrid IT",
                hero_actions=[{"type": "link", "value": link(about, "Start")}],
                hero_links=[
                    {"type": "link", "value": {**link(about), "text": "More"}},
                ],
                body=body(about, f"Image {n}"),
            )
            home_page.add_child(instance=page)
            page.save_revision().publish()

    # One query per chooser per block type (hero links, buttons, the body's
    # image, call to action, cards and link list), whatever the number of pages.
    items = check_listing_budget(client, "lumen_cms.HomePage", add, budget=10)
    item = items[-1]
    assert item["hero_actions"][0]["value"]["page"] == about.pk
    assert item["hero_links"][0]["value"]["text"] == "More"
    assert item["hero_links"][0]["value"]["page"] == about.pk


def test_mixed_page_types(client, home_page):
    """Without `type`, every page is a plain Page: its fields, in fixed queries."""

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            StandardPageFactory(parent=home_page, slug=f"mixed-{n}")

    items = check_listing_budget(client, None, add, budget=4)
    assert items[0]["meta"]["locale"] == "en"
    assert {i["meta"]["type"] for i in items} == {
        "lumen_cms.HomePage",
        "lumen_cms.StandardPage",
    }
    _, several = listing(client, "lumen_cms.HomePage,lumen_cms.StandardPage")
    assert several == 4


def test_bad_fields_are_still_a_400(client, home_page):
    for fields in ("nope", "*,body(x)", "title("):
        response = client.get(
            LISTING, {"type": "lumen_cms.StandardPage", "fields": fields}
        )
        assert response.status_code == 400
        assert response.json()["message"]


def test_a_host_page_type_declares_its_own_prefetches(client, home_page, monkeypatch):
    """What a host does for its own page type: here an image rendition field,
    declared on the articles for the test, costs no query per page."""
    spec = "fill-40x30"
    monkeypatch.setattr(
        ArticlePage,
        "api_fields",
        [APIField("card", serializer=ImageRenditionField(spec, source="thumbnail"))],
    )
    renditions = get_image_model().objects.prefetch_renditions(spec)
    monkeypatch.setattr(
        ArticlePage, "api_prefetch_related", (Prefetch("thumbnail", renditions),)
    )
    monkeypatch.setattr(ArticlePage, "api_select_related", ())
    monkeypatch.delattr(ArticlePage, "api_bulk_load")
    kb = ArticleIndexPageFactory(parent=home_page)

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            image = make_image(f"Card {n}")
            image.get_rendition(spec)  # made when the image was first shown
            ArticlePageFactory(parent=kb, slug=f"card-{n}", thumbnail=image)

    items = check_listing_budget(client, "resources.ArticlePage", add, budget=6)
    assert items[0]["card"]["url"].endswith(".fill-40x30.png")
    assert items[0]["card"]["alt"].startswith("Card")
