"""Query budgets of resources pages (see the `query_budget` fixture)."""

import pytest

pytestmark = pytest.mark.django_db


def test_article_page(lumen_site, query_budget):
    query_budget("/getting-started/first-server/", cold=17, warm=0)


@pytest.fixture
def _chrome():
    """Measure with the real site chrome, not the package's bare test templates."""
