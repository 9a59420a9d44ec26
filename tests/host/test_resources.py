"""The ctl.io docs importer and the status endpoint in the host."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

import pytest
from hosthelpers import DATA, assert_host_chrome, publish

from resources.models import ArticleCategory, ArticleIndexPage, ArticlePage, StatusPage

pytestmark = pytest.mark.django_db


def run_import(index) -> str:
    out = StringIO()
    call_command(
        "import_ctl_docs",
        str(DATA / "ctl-docs"),
        into=str(index.pk),
        no_progress=True,
        stdout=out,
    )
    return out.getvalue()


def test_import_ctl_docs_creates_articles_then_changes_nothing(home, client):
    index = publish(home, ArticleIndexPage(title="Developer docs", slug="docs"))
    report = run_import(index)
    assert "3 created" in report, report
    assert "broken.md" in report and "README.md" in report
    assert list(
        ArticleCategory.objects.filter(page=index).values_list("name", flat=True)
    ) == ["Servers", "Networks"]

    article = ArticlePage.objects.get(source_path="Servers/create-a-server.md")
    assert article.live and article.get_parent().pk == index.pk
    assert article.thumbnail is not None
    assert [b.block_type for b in article.body] == [
        "rich_text",
        "image",
        "table",
        "code",
        "rich_text",
    ]
    power = ArticlePage.objects.get(source_path="Servers/power-operations.md")
    assert "<script" not in "".join(str(b.render()) for b in power.body)

    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_host_chrome(html, "resources/css/resources.css")
    assert 'href="/docs/power-operations/"' in html
    listing = client.get(index.url)
    assert listing.status_code == 200 and "Add a network" in listing.content.decode()

    again = run_import(index)
    assert "0 created, 0 updated, 3 unchanged" in again, again
    assert article.revisions.count() == 1


def test_status_page_and_endpoint(home, client):
    page = publish(home, StatusPage(title="Status"))
    assert client.get(page.url).status_code == 200
    summary = client.get("/api/resources/status/")
    assert summary.status_code == 200
    assert summary.json()["overall_status"] == "operational"
