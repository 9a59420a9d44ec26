"""Query budgets of the shell's public pages (see the `query_budget` fixture)."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page(lumen_site, query_budget):
    # +2: the hero's two link streams (buttons, side panel) load their pages in bulk.
    query_budget("/", cold=16, warm=0)


def test_not_found_page_is_never_page_cached(lumen_site, query_budget):
    query_budget("/no-such-page/", cold=14, warm=3, status=404, page_cached=False)


def test_search_results(client, lumen_site, query_budget):
    # Beyond the page search: pricing products, the legal documents' clauses, and
    # the specific pages of the results shown (for snippets and labels).
    query_budget("/search/?q=mysql", cold=14, warm=9, page_cached=False)
    assert 'href="/managed-services/mysql/"' in client.get("/search/?q=mysql").text
