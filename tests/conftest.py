"""Shared fixtures: an isolated MEDIA_ROOT, the default site and its HomePage root."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from lumen_cms.seed.site import ensure_home

# The host smoke suite runs inside a generated Wagtail project (.ci/host-smoke).
collect_ignore = ["host"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached menu fragments must not leak between tests (locmem outlives the DB)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db) -> Site:
    """The default site, rooted at a HomePage (Wagtail's welcome page replaced)."""
    ensure_home()
    return Site.objects.select_related("root_page").get(is_default_site=True)


@pytest.fixture
def home_page(site) -> Page:
    """The site root page (a lumen_cms HomePage)."""
    return site.root_page.specific


@pytest.fixture
def lumen_site(db) -> Site:
    """The whole seeded site (`load_lumen_site`): query budgets use its real pages."""
    call_command("load_lumen_site", verbosity=0)
    return Site.objects.select_related("root_page").get(is_default_site=True)


@pytest.fixture
def query_budget(
    client, settings, django_assert_max_num_queries, django_assert_num_queries
):
    """Check a public URL's query budget on the seeded site.

    `cold`: every cache empty (the first visitor after a deploy or a publish).
    `warm`: menu fragments and site data cached, full-page cache off (what a
    logged-in editor costs). With the page cache on, a repeat visit runs no query.
    """

    def check(
        url: str, *, cold: int, warm: int, status: int = 200, page_cached: bool = True
    ) -> None:
        settings.PAGE_CACHE_TIMEOUT = 0
        cache.clear()
        ContentType.objects.clear_cache()
        with django_assert_max_num_queries(cold):
            assert client.get(url).status_code == status
        with django_assert_max_num_queries(warm):
            assert client.get(url).status_code == status
        settings.PAGE_CACHE_TIMEOUT = 300
        first = client.get(url)
        if not page_cached:
            assert "X-Page-Cache" not in first
            return
        with django_assert_num_queries(0):
            hit = client.get(url)
        assert hit["X-Page-Cache"] == "hit"
        assert hit.content == first.content

    return check
