"""Seed step for pricing: the price sheets, the estimator and pricing catalog pages."""

from pathlib import Path

from wagtail.models import Page

from catalog.models import DataCenter, EstimatorPage, PricingCatalogPage
from catalog.services import import_pricing
from lumen_cms.seed.ledger import current_run
from lumen_cms.seed.pages import upsert_page

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
    """Import the shipped price sheets once, create or update the two pages.

    Prices are edited in the admin (Pricing snippets) afterwards: the seed imports
    them only into an empty catalog (or on --reset); `manage.py import_pricing`
    refreshes them on purpose.
    """
    if current_run().reset or not DataCenter.objects.exists():
        import_pricing(folder=PRICE_SHEETS)
    for model, slug, title, intro in PAGES:
        upsert_page(parent=home, model=model, slug=slug, title=title, intro=intro)
