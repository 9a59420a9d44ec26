"""Pages API listings of legal documents: versions in two queries, not two per page."""

import datetime
import itertools

from django.utils import timezone

import pytest

from tests.api_listing import check_listing_budget
from tests.legal.factories import (
    LegalDocumentPageFactory,
    clause,
    publish,
    simple_body,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def test_legal_document_pages(client, home_page):
    upcoming = timezone.localdate() + datetime.timedelta(days=30)

    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            page = LegalDocumentPageFactory(
                parent=home_page, title=f"Terms {n}", slug=f"terms-{n}"
            )
            page.save_revision().publish()
            publish(page, "2018-05", datetime.date(2018, 5, 25))
            later = (("2019-01", datetime.date(2019, 1, 1)), ("next", upcoming))
            for label, date in later:
                extra = clause(label, f"{label}.", "New text.")
                publish(page, label, date, body=[*simple_body(), extra])

    items = check_listing_budget(client, "legal.LegalDocumentPage", add, budget=6)
    item = items[-1]
    n = item["title"].split()[-1]
    assert [v["label"] for v in item["versions_api"]] == ["next", "2019-01", "2018-05"]
    assert item["versions_api"][1]["url"] == f"/terms-{n}/v/2019-01/"
    assert "body" not in item["versions_api"][0]
    current = item["current_version_api"]
    assert current["label"] == "2019-01"
    assert current["body"]["title"] == f"Terms {n}"
    assert current["rendered_text"]


def test_document_without_a_version_in_effect(client, home_page):
    page = LegalDocumentPageFactory(parent=home_page, slug="draft-terms")
    page.save_revision().publish()
    publish(page, "future", timezone.localdate() + datetime.timedelta(days=3))
    response = client.get(
        "/api/v2/pages/", {"type": "legal.LegalDocumentPage", "fields": "*"}
    )
    [item] = response.json()["items"]
    assert item["current_version_api"] is None
    assert [v["label"] for v in item["versions_api"]] == ["future"]
