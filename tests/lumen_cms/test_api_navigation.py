"""`/api/v2/navigation/` serves the navigation the templates render, from the same
cache entry: warm, one cache read and no query."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.core.cache import cache

from wagtail.models import Site

import pytest

from lumen_cms.navigation import DATA_KEY, SITES_KEY, build_navigation

pytestmark = pytest.mark.django_db

URL = "/api/v2/navigation/"


@pytest.fixture
def site(seeded_site):
    return Site.objects.get(is_default_site=True)


@contextmanager
def cache_reads() -> Iterator[list[tuple[str, object]]]:
    """The cache reads made inside, one per round trip (a `get_many` is one, though
    the in-memory backend implements it with `get`)."""
    reads: list[tuple[str, object]] = []
    depth = [0]

    def counted(name: str, read):
        def wrapper(key, *args, **kwargs):
            if not depth[0]:
                reads.append((name, key))
            depth[0] += 1
            try:
                return read(key, *args, **kwargs)
            finally:
                depth[0] -= 1

        return wrapper

    with (
        mock.patch.object(cache, "get", counted("get", cache.get)),
        mock.patch.object(cache, "get_many", counted("get_many", cache.get_many)),
    ):
        yield reads


def test_warm_navigation_is_one_cache_read_and_no_query(
    client, site, django_assert_num_queries
):
    cold = client.get(URL)
    with django_assert_num_queries(0), cache_reads() as reads:
        warm = client.get(URL)
    assert reads == [("get_many", [SITES_KEY, DATA_KEY.format(site.pk)])]
    assert warm.status_code == 200
    assert warm.content == cold.content
    assert json.loads(warm.content) == json.loads(json.dumps(build_navigation(site)))


def test_the_api_reads_the_templates_cache_entry(client, site):
    client.get(URL)  # the site of this host is now known
    cached = cache.get(DATA_KEY.format(site.pk))
    cache.set(DATA_KEY.format(site.pk), {**cached, "copyright_notice": "from cache"})
    assert client.get(URL).json()["copyright_notice"] == "from cache"
    home = client.get("/")  # the header and footer come from the same entry
    assert "from cache" in home.content.decode()


def test_a_changed_site_is_looked_up_again(client, site):
    other = Site.objects.create(
        hostname="other.example", root_page=site.root_page, site_name="Other Lumen"
    )
    assert client.get(URL, HTTP_HOST="other.example").json()["site"]["name"] == (
        "Other Lumen"
    )
    other.hostname = "renamed.example"
    other.save()  # the navigation cache is invalidated, the host looked up again
    fallback = client.get(URL, HTTP_HOST="other.example").json()
    assert fallback["site"]["name"] == site.site_name
    renamed = client.get(URL, HTTP_HOST="renamed.example").json()
    assert renamed["site"]["name"] == "Other Lumen"
