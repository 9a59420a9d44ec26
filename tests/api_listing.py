"""Query budgets of `/api/v2/pages/?type=<app.Model>&fields=*` listings.

A listing of 12 pages must run exactly as many queries as a listing of 3: whatever
a page type's `api_fields` read is loaded in bulk (lumen_cms/api_prefetch.py).
"""

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

from tests.resources.conftest import PNG

LISTING = "/api/v2/pages/"


def listing(client, page_type: str | None, **params: str) -> tuple[list[dict], int]:
    """The listing's items and its query count, measured on a second, warm request
    (content types and site root paths are cached per process in production).
    No `page_type`: every type, each page serialised as a plain Page."""
    query = {"fields": "*", "limit": "20", **params}
    if page_type is not None:
        query["type"] = page_type
    client.get(LISTING, query)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LISTING, query)
    assert response.status_code == 200, response.content[:500]
    return response.json()["items"], len(queries)


def check_listing_budget(
    client, page_type: str | None, add_pages: Callable[[int], object], *, budget: int
) -> list[dict]:
    """Add 3 pages, list them, add 9 more, list again: same query count, within
    `budget`. Returns the items of the second listing for content checks."""
    add_pages(3)
    few, queries_few = listing(client, page_type)
    add_pages(9)
    many, queries_many = listing(client, page_type)
    assert len(few) >= 3
    assert len(many) == len(few) + 9
    assert queries_many == queries_few, (
        f"{page_type}: {queries_few} queries for {len(few)} pages, "
        f"{queries_many} for {len(many)}: a query per page"
    )
    assert queries_many <= budget, f"{page_type}: {queries_many} > {budget} queries"
    return many


def make_image(title: str = "Diagram"):
    return get_image_model().objects.create(
        title=title, file=ContentFile(PNG, name="diagram.png"), width=1, height=1
    )


def page_link(page, text: str = "link") -> str:
    """Rich text (storage format) linking to `page`."""
    return f'<p>See <a linktype="page" id="{page.pk}">{text}</a>.</p>'
