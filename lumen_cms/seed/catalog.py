"""Seed step for pricing: the price sheets, the estimator and pricing catalog pages."""

from pathlib import Path

from wagtail.models import Page

from catalog.models import EstimatorPage, PricingCatalogPage
from catalog.services import import_pricing

PRICE_SHEETS = Path(__file__).resolve().parents[2] / "catalog" / "data" / "pricing"

PAGES = [
    (
        PricingCatalogPage,
        "pricing",
        "Pricing Catalog",
        "<p>Our pricing model is simple: pay only for what you use.</p>",
    ),
    (
        EstimatorPage,
        "estimator",
        "Online Estimator",
        "<p>Calculate your monthly Hybrid IT costs using our price estimator.</p>",
    ),
]


def load(*, home: Page) -> None:
    """Import the shipped price sheets, create or update the two pages; idempotent."""
    import_pricing(folder=PRICE_SHEETS)
    for model, slug, title, intro in PAGES:
        existing = home.get_children().filter(slug=slug).first()
        if existing is None:
            home.add_child(instance=model(title=title, slug=slug, intro=intro))
            continue
        page = existing.specific
        if isinstance(page, model) and (page.title, page.intro) != (title, intro):
            page.title, page.intro = title, intro
            page.save_revision().publish()
