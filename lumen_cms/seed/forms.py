"""Seed step for the forms app: Contact Us, Support and DP terms acceptance."""

import json
from pathlib import Path

from wagtail.models import Page

from forms.permissions import grant_form_administrators
from lumen_cms.seed.ledger import current_run
from lumen_cms.seed.values import child_rows

DATA = Path(__file__).parent / "data" / "forms"


def _upsert(parent: Page, model, slug: str, spec: dict):
    """Create the form page, or update what the seed still owns (fields, routes)."""
    from forms.models import DPTermsField, FormField, FormRoute

    field_model = DPTermsField if model.__name__ == "DPTermsPage" else FormField
    values = {k: v for k, v in spec.items() if k not in {"fields", "routes"}}
    values["form_fields"] = child_rows(
        "form_fields",
        field_model,
        spec.get("fields", []),
        choices="",
        required=True,
    )
    if "routes" in spec:
        values["routes"] = child_rows("routes", FormRoute, spec["routes"])
    run = current_run()
    page = run.page(parent=parent, model=model, slug=slug, fields=values)
    if isinstance(page, model) and run.was_created(page):
        grant_form_administrators(page=page)
    return page


def load(*, home: Page) -> None:
    """Create or update this part of the site under the home page; idempotent."""
    from forms.models import DPTermsPage, FormPage
    from legal.models import LegalDocumentPage

    pages = json.loads((DATA / "pages.json").read_text())
    for slug in ("contact-us", "support"):
        _upsert(home, FormPage, slug, pages[slug])
    gdpr = home.get_children().filter(slug="gdpr").first() or home
    terms = (
        LegalDocumentPage.objects.child_of(gdpr).filter(slug="dp-exhibit").first()
        or LegalDocumentPage.objects.filter(slug="dp-exhibit").first()
    )
    spec = {**pages["accept-dp-terms"], "terms_page": terms}
    _upsert(gdpr.specific, DPTermsPage, "accept-dp-terms", spec)
