"""Shared fixtures: an isolated MEDIA_ROOT, the default site and its HomePage root."""

from django.core.cache import cache

from wagtail.models import Page, Site

import pytest

from lumen_cms.seed.site import ensure_home


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
