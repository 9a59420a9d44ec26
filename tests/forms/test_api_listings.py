"""Pages API listings of form pages: fields and terms pages without a query per page."""

import itertools

import pytest

from forms.models import DPTermsField, DPTermsPage
from legal.models import LegalDocumentPage
from tests.api_listing import check_listing_budget

from .conftest import make_form_page

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def test_form_pages(client, home_page):
    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            make_form_page(home_page, slug=f"form-{n}", title=f"Form {n}")

    items = check_listing_budget(client, "forms.FormPage", add, budget=5)
    assert items[0]["thank_you_text"] == "<p>Thanks for contacting us!</p>"
    fields = items[0]["form_fields"]
    assert [f["label"] for f in fields] == ["Name", "Email", "Phone", "Message"]
    assert fields[1]["field_type"] == "email"


def test_dp_terms_pages(client, home_page):
    def add(count: int) -> None:
        for _ in range(count):
            n = next(_numbers)
            exhibit = LegalDocumentPage(title=f"Exhibit {n}", slug=f"exhibit-{n}")
            home_page.add_child(instance=exhibit)
            exhibit.save_revision().publish()
            page = DPTermsPage(
                title=f"Accept {n}",
                slug=f"accept-{n}",
                terms_page=exhibit,
                to_address="privacy@lumen.example",
            )
            page.form_fields = [
                DPTermsField(label="Company", field_type="singleline"),
                DPTermsField(label="I accept", field_type="checkbox"),
            ]
            home_page.add_child(instance=page)
            page.save_revision().publish()

    items = check_listing_budget(client, "forms.DPTermsPage", add, budget=5)
    item = items[-1]
    n = item["title"].split()[-1]
    assert item["terms_page"]["title"] == f"Exhibit {n}"
    assert item["terms_page"]["meta"]["type"] == "legal.LegalDocumentPage"
    assert [f["label"] for f in item["form_fields"]] == ["Company", "I accept"]
