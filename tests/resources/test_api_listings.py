"""Pages API listings of resources page types: no query per page with `fields=*`."""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

import pytest

from resources.models import ArticleCategory, Incident, StatusDataCenter
from tests.api_listing import check_listing_budget, listing, make_image, page_link
from tests.resources.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    DeveloperCenterPageFactory,
    StatusPageFactory,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


@pytest.fixture
def kb(home_page):
    return ArticleIndexPageFactory(parent=home_page)


@pytest.fixture
def document(db):
    return get_document_model().objects.create(
        title="Price list", file=ContentFile(b"prices", name="prices.txt")
    )


def test_article_pages(client, kb, document):
    servers = ArticleCategory.objects.create(page=kb, name="Servers")
    draft = ArticlePageFactory(parent=kb, title="Draft", slug="draft")
    draft.unpublish()
    private = ArticlePageFactory(parent=kb, title="Private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            doc_link = f'<p><a linktype="document" id="{document.pk}">prices</a></p>'
            page = ArticlePageFactory(
                parent=kb,
                title=f"Article {n}",
                slug=f"article-{n}",
                category=servers,
                thumbnail=make_image(f"Thumb {n}"),
                body=[
                    {"type": "rich_text", "value": page_link(kb, "KB")},
                    {"type": "rich_text", "value": doc_link},
                    {"type": "code", "value": {"language": "json", "code": "{}"}},
                    {
                        "type": "image",
                        "value": {
                            "image": make_image(f"Body {n}").pk,
                            "alt_text": "",
                            "caption": "",
                        },
                    },
                ],
            )
            page.tags.add("compute", f"tag-{n}")
            for target in (kb, draft, private):
                page.related_links.create(target=target)
            page.save_revision().publish()

    items = check_listing_budget(client, "resources.ArticlePage", add, budget=14)
    item = items[-1]
    n = item["title"].split()[-1]
    assert item["category"] == {"name": "Servers", "slug": "servers"}
    assert item["tags"] == ["compute", f"tag-{n}"]
    assert item["thumbnail"]["title"] == f"Thumb {n}"
    assert item["related_articles"] == [
        {"id": kb.pk, "title": kb.title, "url": "/knowledge-base/"}
    ]  # the draft and the private page never show
    body = [block["value"] for block in item["body"]]
    assert body[0] == '<p>See <a href="/knowledge-base/">KB</a>.</p>'
    assert f'href="/documents/{document.pk}/prices.txt"' in body[1]
    assert body[3]["image"]["title"] == f"Body {n}"
    assert body[3]["alt_text"] == f"Body {n}"


def test_article_index_pages(client, home_page):
    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            index = ArticleIndexPageFactory(
                parent=home_page,
                title=f"Index {n}",
                slug=f"index-{n}",
                intro=page_link(home_page, "home"),
            )
            ArticleCategory.objects.create(page=index, name="Servers", sort_order=0)
            ArticleCategory.objects.create(page=index, name="Billing", sort_order=1)

    items = check_listing_budget(client, "resources.ArticleIndexPage", add, budget=7)
    assert items[0]["intro"] == '<p>See <a href="/">home</a>.</p>'
    assert [c["name"] for c in items[0]["categories"]] == ["Servers", "Billing"]


def test_status_pages(client, home_page):
    va1 = StatusDataCenter.objects.create(code="VA1", name="Sterling")
    StatusDataCenter.objects.create(code="UC1", name="Santa Clara")
    slow = Incident.objects.create(title="Slow", impact="minor")
    slow.affected_data_centers.add(va1)
    slow.save()
    for day in (1, 2, 3):
        Incident.objects.create(
            title=f"Fixed {day}",
            state=Incident.State.RESOLVED,
            started_at=timezone.now() - datetime.timedelta(days=day, hours=1),
            resolved_at=timezone.now() - datetime.timedelta(days=day),
        )

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            StatusPageFactory(
                parent=home_page,
                slug=f"status-{n}",
                intro=page_link(home_page, "home"),
                resolved_incidents_shown=1 + n % 3,
            )

    items = check_listing_budget(client, "resources.StatusPage", add, budget=11)
    assert items[0]["intro"] == '<p>See <a href="/">home</a>.</p>'
    assert [dc["code"] for dc in items[0]["data_centers"]] == ["UC1", "VA1"]
    assert items[0]["open_incidents"][0]["affected_data_centers"] == ["VA1"]
    shown = [len(item["resolved_incidents"]) for item in items]
    assert set(shown) == {1, 2, 3}  # each page's own limit
    assert items[0]["resolved_incidents"][0]["title"] == "Fixed 1"


def test_developer_center_pages(client, home_page, kb):
    hidden = ArticlePageFactory(parent=kb, title="Hidden", slug="hidden")
    hidden.unpublish()

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            DeveloperCenterPageFactory(
                parent=home_page,
                slug=f"developers-{n}",
                intro=page_link(kb, "KB"),
                links=[
                    {"type": "link", "value": {"page": kb.pk, "description": "Docs"}},
                    {"type": "link", "value": {"page": hidden.pk, "title": "Gone"}},
                ],
            )

    items = check_listing_budget(client, "resources.DeveloperCenterPage", add, budget=7)
    assert items[0]["intro"] == '<p>See <a href="/knowledge-base/">KB</a>.</p>'
    links = [block["value"] for block in items[0]["links"]]
    assert links == [
        {
            "id": kb.pk,
            "title": "Knowledge Base",
            "url": "/knowledge-base/",
            "description": "Docs",
        },
        None,  # an unpublished page is not linked
    ]


def test_search_results_are_loaded_in_bulk_too(client, kb):
    """A search's results may not keep the listing's joins: still no N+1."""
    category = ArticleCategory.objects.create(page=kb, name="Servers")

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            page = ArticlePageFactory(
                parent=kb, title=f"Server guide {n}", slug=f"guide-{n}"
            )
            page.category = category
            page.tags.add("compute")
            page.related_links.create(target=kb)
            page.save_revision().publish()

    add(2)
    few, queries_few = listing(client, "resources.ArticlePage", search="server")
    add(5)
    many, queries_many = listing(client, "resources.ArticlePage", search="server")
    assert (len(few), len(many)) == (2, 7)
    assert queries_many == queries_few <= 14
    assert {i["category"]["name"] for i in many} == {"Servers"}
    assert all(i["tags"] == ["compute"] for i in many)
    assert all(i["related_articles"][0]["id"] == kb.pk for i in many)
