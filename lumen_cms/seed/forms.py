"""Seed step for the forms app: Contact Us, Support and DP terms acceptance."""

import json
from pathlib import Path

from wagtail.models import Page

from forms.permissions import grant_form_administrators
from lumen_cms.seed.pages import changed_fields, normalize, publish

DATA = Path(__file__).parent / "data" / "forms"


def _sync_rows(related, row_model, specs: list[dict], defaults: dict, *, force: bool):
    """Replace the child rows by the seed's when they differ; True if replaced."""
    wanted = [{**defaults, **spec} for spec in specs]
    keys = {key for spec in wanted for key in spec}
    current = [
        {key: getattr(row, key) for key in keys}
        for row in related.order_by("sort_order")
    ]
    if not force and normalize(current) == normalize(wanted):
        return False
    related.set([row_model(sort_order=i, **row) for i, row in enumerate(wanted)])
    return True


def _upsert(parent: Page, model, slug: str, spec: dict):
    """Create the form page or bring it to the seed's fields and routes; else no-op."""
    from forms.models import DPTermsField, FormField, FormRoute

    field_model = DPTermsField if model.__name__ == "DPTermsPage" else FormField
    values = {k: v for k, v in spec.items() if k not in {"fields", "routes"}}
    page = model.objects.child_of(parent).filter(slug=slug).first()
    created = page is None
    if created:
        page = model(slug=slug, **values)
        parent.add_child(instance=page)
        changes = {}
    else:
        changes = changed_fields(page, values)
        for key, value in changes.items():
            setattr(page, key, value)
    fields_differ = _sync_rows(
        page.form_fields,
        field_model,
        spec.get("fields", []),
        {"choices": "", "required": True},
        force=created,
    )
    routes_differ = hasattr(page, "routes") and _sync_rows(
        page.routes, FormRoute, spec.get("routes", []), {}, force=created
    )
    if created or changes or fields_differ or routes_differ or not page.live:
        publish(page)
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
