"""Shared fixtures: an isolated MEDIA_ROOT, the default site and its HomePage root,
the seeded site (built once per session, see tests/seeded_database.py)."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail.models import Page, Site

import pytest

from lumen_cms.seed.site import ensure_home
from tests.seeded_database import SEEDED_FIXTURES, SeededDatabase

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


_SESSION: dict[str, SeededDatabase] = {}


@pytest.fixture(scope="session")
def _seeded_database(django_db_setup, django_db_blocker):
    """The seeded copy of the test database, built on first use."""
    with django_db_blocker.unblock():
        database = SeededDatabase()
    _SESSION["seeded"] = database
    yield database
    _SESSION.clear()
    with django_db_blocker.unblock():
        database.drop()


@pytest.fixture
def _lumen_database(request, django_db_setup, django_db_blocker):
    """Point the connection at the seeded copy for tests that ask for the seeded
    site, at the plain database otherwise (before the test's transaction starts)."""
    seeded = bool(SEEDED_FIXTURES & set(request.fixturenames))
    needed = seeded or "seeded_database_url" in request.fixturenames
    database = (
        request.getfixturevalue("_seeded_database")
        if needed
        else _SESSION.get("seeded")
    )
    if database is not None:
        with django_db_blocker.unblock():
            if needed and not database.built:
                database.build()
            database.use(plain=not seeded)
    yield
    marker = request.node.get_closest_marker("django_db")
    if seeded and (
        "transactional_db" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        database.built = False  # flushed: rebuilt before the next seeded test


@pytest.fixture
def seeded_database_url(db, _seeded_database, django_db_blocker, tmp_path) -> str:
    """DATABASE_URL of a throw-away copy of the seeded site, for subprocesses."""
    with django_db_blocker.unblock():
        url, remove = _seeded_database.clone(tmp_path)
    yield url
    with django_db_blocker.unblock():
        remove()


@pytest.fixture
def _django_db_helper(_lumen_database, _django_db_helper):
    """pytest-django's per-test database setup, after choosing the database."""
    yield


@pytest.fixture
def lumen_site(db) -> Site:
    """The whole seeded site (`load_lumen_site`): query budgets use its real pages.

    Built once per session; each test runs in a transaction rolled back at its end.
    """
    return Site.objects.select_related("root_page").get(is_default_site=True)


@pytest.fixture
def query_budget(
    client, settings, django_assert_max_num_queries, django_assert_num_queries
):
    """Check a public URL's query budget on the seeded site.

    `cold`: every cache empty (the first visitor after a deploy), the route index
    built in the same request (about 6 queries, once per publish for all processes).
    `warm`: menu fragments, site data, the route index, the page object and its
    content block cached, full-page cache off (what a logged-in editor costs).
    With the page cache on, a repeat visit runs no query.
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
            # Never stored per URL; a 404 comes from the site's not-found shell.
            assert first.get("X-Page-Cache") in (None, "not-found")
            return
        with django_assert_num_queries(0):
            hit = client.get(url)
        assert hit["X-Page-Cache"] == "hit"
        assert hit.content == first.content

    return check
