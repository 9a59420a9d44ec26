"""Query budgets of the shell's public pages (see the `query_budget` fixture)."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page(lumen_site, query_budget):
    query_budget("/", cold=9, warm=5)


def test_not_found_page_is_never_page_cached(lumen_site, query_budget):
    query_budget("/no-such-page/", cold=11, warm=7, status=404, page_cached=False)


def test_search_results(client, lumen_site, query_budget):
    query_budget("/search/?q=mysql", cold=8, warm=4, page_cached=False)
    assert 'href="/managed-services/mysql/"' in client.get("/search/?q=mysql").text
