"""Query budgets of the catalog's public pages (see the `query_budget` fixture)."""

import pytest

pytestmark = pytest.mark.django_db


def test_product_category_page(lumen_site, query_budget):
    query_budget("/managed-services/", cold=13, warm=8)


def test_service_page_with_related_services(lumen_site, query_budget):
    # Beyond the page: service settings, catalog/estimator links, prices (with the
    # data-center count as a subquery), view restrictions and the related articles.
    query_budget("/managed-services/mysql/", cold=22, warm=15)
