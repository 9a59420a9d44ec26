"""The headless API: fields, no leaks of drafts or private content, preview, CORS."""

from urllib.parse import unquote

from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from resources.models import ArticleCategory, Incident, StatusDataCenter
from tests.resources.conftest import PNG
from tests.resources.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    StatusPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    from django.core.files.base import ContentFile

    model = get_image_model()
    return model.objects.create(
        title="Diagram", file=ContentFile(PNG, name="diagram.png"), width=1, height=1
    )


@pytest.fixture
def article(home_page, image):
    index = ArticleIndexPageFactory(parent=home_page)
    category = ArticleCategory.objects.create(page=index, name="Servers")
    page = ArticlePageFactory(
        parent=index,
        title="Create a server",
        author="Jane",
        category=category,
        body=[
            {
                "type": "rich_text",
                "value": f'<p>See <a linktype="page" id="{index.pk}">KB</a></p>',
            },
            {"type": "code", "value": {"language": "json", "code": "{}"}},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "", "caption": "c"},
            },
            {
                "type": "table",
                "value": {
                    "data": [["A", "B"], ["1", None]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            },
        ],
    )
    page.tags.add("compute")
    page.save_revision().publish()
    return page


def test_article_fields_are_structured_json(client, article):
    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["author"] == "Jane"
    assert data["category"] == {"name": "Servers", "slug": "servers"}
    assert data["tags"] == ["compute"]
    body = {block["type"]: block["value"] for block in data["body"]}
    # Rich text is HTML with internal links expanded, never Wagtail's storage format.
    assert body["rich_text"] == '<p>See <a href="/knowledge-base/">KB</a></p>'
    assert body["code"] == {"language": "json", "code": "{}"}
    assert body["image"]["image"]["width"] == 1
    assert body["image"]["alt_text"] == "Diagram" and body["image"]["caption"] == "c"
    assert body["table"]["data"] == [["A", "B"], ["1", ""]]


def test_drafts_and_private_pages_never_leak(client, article):
    index = article.get_parent()
    draft = ArticlePageFactory(parent=index, title="Unreleased")
    draft.unpublish()
    private = ArticlePageFactory(parent=index, title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    listing = client.get("/api/v2/pages/", {"type": "resources.ArticlePage"}).json()
    titles = {item["title"] for item in listing["items"]}
    assert titles == {"Create a server"}
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
    # A draft revision of a live page is not what the API serves.
    article.title = "Draft title"
    article.save_revision()
    assert (
        client.get(f"/api/v2/pages/{article.pk}/").json()["title"] == "Create a server"
    )


def test_images_in_private_collections_are_hidden(client, image):
    root = Collection.get_first_root_node()
    secret = root.add_child(name="Secret")
    CollectionViewRestriction.objects.create(
        collection=secret, restriction_type="login"
    )
    image.collection = secret
    image.save()
    assert client.get("/api/v2/images/").json()["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404


def test_private_images_are_not_exposed_through_page_bodies(client, article, image):
    secret = Collection.get_first_root_node().add_child(name="Secret")
    CollectionViewRestriction.objects.create(
        collection=secret, restriction_type="login"
    )
    image.collection = secret
    image.save()
    body = client.get(f"/api/v2/pages/{article.pk}/").json()["body"]
    block = next(b for b in body if b["type"] == "image")
    assert block["value"]["image"] is None
    assert "diagram" not in str(body)


def test_status_page_and_feed(client, home_page):
    dc = StatusDataCenter.objects.create(code="VA1", name="Sterling", status="degraded")
    incident = Incident.objects.create(title="Slow", impact="minor")
    incident.affected_data_centers.add(dc)
    incident.save()
    page = StatusPageFactory(parent=home_page)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["data_centers"][0]["status"] == "degraded"
    assert data["open_incidents"][0]["affected_data_centers"] == ["VA1"]
    feed = client.get("/api/resources/status/").json()
    assert feed["overall_status"] == "degraded"
    assert client.post("/api/resources/status/").status_code == 405


def test_cors_allows_configured_origins_only(client, settings, article):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.com"]
    ok = client.get("/api/v2/pages/", HTTP_ORIGIN="https://front.example.com")
    assert ok["Access-Control-Allow-Origin"] == "https://front.example.com"
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    page = client.get(article.url, HTTP_ORIGIN="https://front.example.com")
    assert "Access-Control-Allow-Origin" not in page


def test_headless_preview_hands_the_draft_to_the_front_end(client, settings, article):
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": "https://front.example.com/preview"}
    }
    draft = article.get_latest_revision_as_object()
    draft.title = "Draft headline"
    html = draft.make_preview_request().content.decode()
    prefix = "https://front.example.com/preview/?content_type=resources.articlepage"
    assert prefix in html
    token = unquote(html.split("token=")[1].split('"')[0])
    preview = client.get(
        "/api/v2/page_preview/",
        {"content_type": "resources.articlepage", "token": token},
    )
    assert preview.status_code == 200
    assert preview.json()["title"] == "Draft headline"
    # The live page is untouched, and forged or missing tokens show nothing.
    assert (
        client.get(f"/api/v2/pages/{article.pk}/").json()["title"] == "Create a server"
    )
    assert client.get("/api/v2/page_preview/", {"token": "forged"}).status_code == 404
    assert client.get("/api/v2/page_preview/").status_code == 404


def test_built_in_preview_without_a_front_end(article):
    draft = article.get_latest_revision_as_object()
    draft.title = "Draft headline"
    response = draft.make_preview_request()
    assert b"Draft headline" in response.content


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_huge_offsets_are_a_400_not_a_500(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"offset": "222246045232520101888"})
    assert response.status_code == 400
    assert "offset" in response.json()["message"]
    assert client.get(f"/api/v2/{endpoint}/", {"offset": "5"}).status_code == 200


@pytest.mark.parametrize("query", ["\x0c", " ", "+", '"', "()", "0" * 60000])
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_odd_search_queries_never_fail(client, home_page, endpoint, query):
    for extra in ({}, {"offset": "3", "limit": "7"}):
        response = client.get(f"/api/v2/{endpoint}/", {"search": query, **extra})
        assert response.status_code == 200, (endpoint, repr(query[:10]))
