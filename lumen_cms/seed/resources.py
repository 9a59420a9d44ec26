"""Seed step for developer and resource pages: indexes, articles, status, landing."""

import json
from datetime import date, datetime
from pathlib import Path

from wagtail.models import Page

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


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """Find the page by slug under `parent`, update or create it; publish once."""
    page = parent.get_children().filter(slug=slug).specific().first()
    if page is not None and not isinstance(page, model):
        return page
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    if any(
        getattr(page, k) != v for k, v in fields.items() if k not in {"body", "links"}
    ):
        for key, value in fields.items():
            setattr(page, key, value)
        page.save_revision().publish()
    return page


def _article_index(home: Page, data: dict) -> None:
    index = _child(
        home, ArticleIndexPage, data["slug"], title=data["title"], intro=data["intro"]
    )
    if not isinstance(index, ArticleIndexPage):
        return
    for position, name in enumerate(
        dict.fromkeys(a["category"] for a in data["articles"])
    ):
        ArticleCategory.objects.update_or_create(
            page=index,
            slug=name.lower(),
            defaults={"name": name, "sort_order": position},
        )
    for article in data["articles"]:
        if index.get_children().filter(slug=article["slug"]).exists():
            continue
        page = ArticlePage(
            slug=article["slug"],
            title=article["title"],
            date=date.fromisoformat(article["date"]),
            author=article["author"],
            summary=article["summary"],
            category=ArticleCategory.objects.get(
                page=index, slug=article["category"].lower()
            ),
            body=article["body"],
        )
        page.tags.set(article["tags"])
        index.add_child(instance=page)
        page.save_revision().publish()


def _status(home: Page, data: dict) -> None:
    _child(home, StatusPage, data["slug"], title=data["title"], intro=data["intro"])
    for position, dc in enumerate(data["data_centers"]):
        StatusDataCenter.objects.update_or_create(
            code=dc["code"],
            defaults={
                "name": dc["name"],
                "location": dc["location"],
                "sort_order": position,
            },
        )
    for item in data["incidents"]:
        incident, _ = Incident.objects.update_or_create(
            title=item["title"],
            defaults={
                "state": item["state"],
                "impact": item["impact"],
                "started_at": datetime.fromisoformat(item["started_at"]),
                "resolved_at": datetime.fromisoformat(item["resolved_at"]),
                "updates": [{"type": "update", "value": u} for u in item["updates"]],
            },
        )
        incident.affected_data_centers.set(
            StatusDataCenter.objects.filter(code__in=item["affected"])
        )
        incident.save()


def _developer_center(home: Page, data: dict) -> None:
    links = [
        {"type": "link", "value": {"page": page.pk, "title": "", "description": d}}
        for link in data["links"]
        for d in [link["description"]]
        for page in home.get_children().filter(slug=link["slug"])[:1]
    ]
    page = _child(
        home,
        DeveloperCenterPage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
        links=links,
    )
    if isinstance(page, DeveloperCenterPage) and not page.links:
        page.links = links
        page.save_revision().publish()


def load(*, home: Page) -> None:
    """Create or update this part of the site under the home page; idempotent."""
    data = json.loads(DATA.read_text())
    for index in data["indexes"]:
        _article_index(home, index)
    _status(home, data["status"])
    _developer_center(home, data["developer_center"])
