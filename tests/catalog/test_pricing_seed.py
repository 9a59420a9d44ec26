"""The seed step imports the shipped sheets and creates the two pages, idempotently."""

import pytest

from catalog.models import DataCenter, EstimatorPage, PricingCatalogPage, Product
from lumen_cms.seed import catalog as seed_catalog


@pytest.mark.django_db
def test_seed_step_is_idempotent(home_page):
    seed_catalog.load(home=home_page)
    counts = (DataCenter.objects.count(), Product.objects.count())
    seed_catalog.load(home=home_page)
    assert (DataCenter.objects.count(), Product.objects.count()) == counts
    assert counts[0] == 14
    assert EstimatorPage.objects.child_of(home_page).get().slug == "estimator"
    assert PricingCatalogPage.objects.child_of(home_page).get().slug == "pricing"
