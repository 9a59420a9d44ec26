"""Query budgets of legal pages (see the `query_budget` fixture)."""

import pytest

pytestmark = pytest.mark.django_db


def test_current_version_page(lumen_site, query_budget):
    query_budget("/gdpr/dp-exhibit/", cold=16, warm=2)


def test_version_permalink_page(lumen_site, query_budget):
    query_budget("/gdpr/dp-exhibit/v/2018-05/", cold=16, warm=2)
