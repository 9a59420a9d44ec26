"""Query budgets of the catalog's public pages (see the `query_budget` fixture)."""

import pytest

pytestmark = pytest.mark.django_db


def test_product_category_page(lumen_site, query_budget):
    query_budget("/managed-services/", cold=15, warm=1)


def test_service_page_with_related_services(lumen_site, query_budget):
    # Beyond the page: service settings, catalog/estimator links, prices (with the
    # data-center count as a subquery), view restrictions and the related articles.
    query_budget("/managed-services/mysql/", cold=21, warm=0)
