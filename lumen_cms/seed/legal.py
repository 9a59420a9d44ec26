"""Seed step for the legal app: the DP Exhibit page under /gdpr/ and its version 1."""

import datetime
import json
import uuid
from pathlib import Path
from typing import Any

from wagtail.models import Page

from legal.models import LegalDocumentPage
from legal.services import ensure_legal_approval, publish_version
from lumen_cms.seed.ledger import current_run

DATA = Path(__file__).parent / "data" / "legal" / "dp_exhibit.json"


def _item_id(parent: str, index: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"lumen-legal:{parent}:{index}"))


def to_stream(nodes: list[dict]) -> list[dict]:
    """The seed's readable structure as StreamField raw data with stable block ids."""
    out: list[dict[str, Any]] = []
    for node in nodes:
        kind = node["type"]
        if kind == "paragraph":
            value: Any = node["text"]
        elif kind == "list":
            value = {
                "style": node.get("style", "bullet"),
                "items": [
                    {
                        "type": "item",
                        "id": _item_id(node["id"], i),
                        "value": {
                            "text": item["text"],
                            "items": [
                                {
                                    "type": "item",
                                    "id": _item_id(f"{node['id']}.{i}", j),
                                    "value": sub,
                                }
                                for j, sub in enumerate(item.get("items", []))
                            ],
                        },
                    }
                    for i, item in enumerate(node["items"])
                ],
            }
        elif kind == "clause":
            value = {"title": node["title"], "content": to_stream(node["content"])}
        else:  # appendix
            value = {
                "heading": node.get("heading", ""),
                "title": node["title"],
                "content": to_stream(node["content"]),
            }
        out.append({"type": kind, "id": node["id"], "value": value})
    return out


def load_data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _parent(home: Page) -> Page:
    gdpr = home.get_children().filter(slug="gdpr").first()
    return gdpr.specific if gdpr else home


def load(*, home: Page) -> None:
    """Create the DP Exhibit page and publish its version 1, once.

    Once the page exists the seed never changes or publishes it, nor any version:
    legal texts change only through the Legal approval workflow and the
    "Publish legal version" action (differences are reported, not applied).
    """
    data = load_data()
    run = current_run()
    page = run.page(
        parent=_parent(home),
        model=LegalDocumentPage,
        slug=data["slug"],
        fields={
            "title": data["title"],
            "intro": data["intro"],
            "body": to_stream(data["body"]),
        },
        legal=True,
    )
    if not isinstance(page, LegalDocumentPage) or not run.was_created(page):
        return
    ensure_legal_approval(page=page, force=True)
    first = data["version"]
    publish_version(
        document=page,
        label=first["label"],
        effective_date=datetime.date.fromisoformat(first["effective_date"]),
        change_summary=first["change_summary"],
        user=None,
        check_permission=False,
        published_at=_published_at(first),
    )


def _published_at(version: dict) -> datetime.datetime | None:
    """When the seed's version was first published on the original site, if known."""
    value = version.get("published_at")
    if not value:
        return None
    return datetime.datetime.combine(
        datetime.date.fromisoformat(value), datetime.time(), tzinfo=datetime.UTC
    )
