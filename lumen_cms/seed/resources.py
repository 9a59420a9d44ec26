"""Seed step for developer and resource pages: indexes, articles, status, landing."""

import json
from datetime import date, datetime
from pathlib import Path

from wagtail.models import Page

from lumen_cms.seed.ledger import current_run
from lumen_cms.seed.pages import upsert_page
from lumen_cms.seed.values import Related
from resources.models import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    DeveloperCenterPage,
    Incident,
    StatusDataCenter,
    StatusPage,
)

DATA = Path(__file__).parent / "data" / "resources" / "pages.json"


def _tags(names: list[str]) -> Related:
    return Related(
        sorted(names),
        read=lambda page: sorted(tag.name for tag in page.tags.all()),
        write=lambda page, value: page.tags.set(value),
    )


def _article_index(home: Page, data: dict) -> None:
    index = upsert_page(
        parent=home,
        model=ArticleIndexPage,
        slug=data["slug"],
        title=data["title"],
        intro=data["intro"],
    )
    if not isinstance(index, ArticleIndexPage):
        return
    run = current_run()
    index_key = run.page_keys.get(index.pk, f"page:#{index.pk}/")
    categories: dict[str, ArticleCategory | None] = {}
    for position, name in enumerate(
        dict.fromkeys(a["category"] for a in data["articles"])
    ):
        categories[name] = run.object(
            key=f"category:{index_key}{name.lower()}",
            model=ArticleCategory,
            lookup={"page": index, "slug": name.lower()},
            fields={"name": name, "sort_order": position},
        )
    for article in data["articles"]:
        upsert_page(
            parent=index,
            model=ArticlePage,
            slug=article["slug"],
            title=article["title"],
            date=date.fromisoformat(article["date"]),
            author=article["author"],
            summary=article["summary"],
            category=categories.get(article["category"]),
            body=article["body"],
            tags=_tags(article["tags"]),
        )


def _status(home: Page, data: dict) -> None:
    upsert_page(
        parent=home,
        model=StatusPage,
        slug=data["slug"],
        title=data["title"],
        intro=data["intro"],
    )
    run = current_run()
    for position, dc in enumerate(data["data_centers"]):
        run.object(
            key=f"status-data-center:{dc['code']}",
            model=StatusDataCenter,
            lookup={"code": dc["code"]},
            fields={
                "name": dc["name"],
                "location": dc["location"],
                "sort_order": position,
            },
        )
    for item in data["incidents"]:
        affected = list(StatusDataCenter.objects.filter(code__in=item["affected"]))
        run.object(
            key=f"incident:{item['title']}",
            model=Incident,
            lookup={"title": item["title"]},
            fields={
                "state": item["state"],
                "impact": item["impact"],
                "started_at": datetime.fromisoformat(item["started_at"]),
                "resolved_at": datetime.fromisoformat(item["resolved_at"]),
                "updates": [{"type": "update", "value": u} for u in item["updates"]],
                "affected_data_centers": Related(
                    sorted(dc.pk for dc in affected),
                    read=lambda obj: sorted(
                        dc.pk for dc in obj.affected_data_centers.all()
                    ),
                    write=lambda obj, _value, dcs=affected: setattr(
                        obj, "affected_data_centers", dcs
                    ),
                ),
            },
        )


def _developer_center(home: Page, data: dict) -> None:
    links = [
        {"type": "link", "value": {"page": page.pk, "title": "", "description": d}}
        for link in data["links"]
        for d in [link["description"]]
        for page in home.get_children().filter(slug=link["slug"])[:1]
    ]
    upsert_page(
        parent=home,
        model=DeveloperCenterPage,
        slug=data["slug"],
        title=data["title"],
        intro=data["intro"],
        links=links,
    )


def load(*, home: Page) -> None:
    """Create or update this part of the site under the home page; idempotent."""
    data = json.loads(DATA.read_text())
    for index in data["indexes"]:
        _article_index(home, index)
    _status(home, data["status"])
    _developer_center(home, data["developer_center"])
