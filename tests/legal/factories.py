"""Builders for legal pages and versions with readable StreamField bodies."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import factory
import wagtail_factories

from legal.models import LegalDocumentPage, LegalDocumentVersion
from legal.services import publish_version

_ids = itertools.count(1)


def para(text: str, id: str | None = None) -> dict:
    """A paragraph whose default id derives from its text, as stable as real ids."""
    digest = hashlib.sha1(text.encode()).hexdigest()[:10]  # noqa: S324
    return {"type": "paragraph", "id": id or f"p-{digest}", "value": text}


def bullets(*items: str, id: str | None = None) -> dict:
    return {
        "type": "list",
        "id": id or f"l{next(_ids)}",
        "value": {
            "style": "bullet",
            "items": [{"text": item, "items": []} for item in items],
        },
    }


def clause(id: str, title: str = "", *content: Any) -> dict:
    body = [para(c) if isinstance(c, str) else c for c in content]
    return {"type": "clause", "id": id, "value": {"title": title, "content": body}}


def appendix(id: str, title: str, *content: Any, heading: str = "") -> dict:
    body = [para(c) if isinstance(c, str) else c for c in content]
    return {
        "type": "appendix",
        "id": id,
        "value": {"heading": heading, "title": title, "content": body},
    }


def simple_body() -> list[dict]:
    return [
        clause("scope", "Scope.", "This exhibit applies to the Services."),
        clause(
            "definitions",
            "Definitions.",
            "In this exhibit:",
            clause("def-data", "", "“Data” means personal data."),
            clause("def-services", "", "“Services” means the services."),
        ),
        clause("breach", "Breach.", "We notify you without undue delay."),
        appendix("app-1", "Appendix 1", "Data subjects: customers.", heading="SCC"),
    ]


class LegalDocumentPageFactory(wagtail_factories.PageFactory):
    title = "Data Protection Exhibit"
    slug = factory.Sequence(lambda n: f"dp-exhibit-{n}")
    intro = "Terms for processing personal data."
    body = factory.LazyFunction(simple_body)

    class Meta:
        model = LegalDocumentPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("pw")
    is_staff = False

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


def publish(
    page: LegalDocumentPage,
    label: str,
    effective: datetime.date,
    *,
    body: list[dict] | None = None,
    user=None,
    summary: str = "",
) -> LegalDocumentVersion:
    """Optionally replace the live body, then publish it as a version (seed-style)."""
    if body is not None:
        page.body = body
        page.save_revision().publish()
        page.refresh_from_db()
    return publish_version(
        document=page,
        label=label,
        effective_date=effective,
        change_summary=summary or f"Version {label}",
        user=user,
        check_permission=user is not None,
    )
