"""Full-page cache and Cache-Control of public pages (lumen_cms.page_cache)."""

from django.contrib.auth import get_user_model
from django.test import Client

from wagtail.models import Page, PageViewRestriction

import pytest

from lumen_cms import page_cache
from lumen_cms.models import NotFoundSettings
from lumen_cms.signals import changes_public_pages
from tests.lumen_cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(seeded_site):
    return StandardPageFactory(parent=seeded_site, slug="about", title="About us")


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "e@x.example", "pw")


def test_anonymous_page_is_public_and_served_again_without_queries(
    client, about, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_MAX_AGE = 120
    settings.PAGE_CACHE_S_MAXAGE = 900
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"
    cache_control = {part.strip() for part in first["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=120", "s-maxage=900"}
    assert "Cookie" in first["Vary"]
    assert not first.cookies
    with django_assert_num_queries(0):
        second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_host_is_part_of_the_key(client, about, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    assert client.get("/about/", HTTP_HOST="other.example")["X-Page-Cache"] == "miss"


def test_undeclared_query_parameters_never_fill_the_cache(client, about):
    """`?cb=<random>` on every request: served, never stored."""
    from django.core.cache import cache

    for n in range(3):
        response = client.get(f"/about/?cb={n}")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert cache.get(page_cache.page_key(response.wsgi_request)) is None


def test_declared_query_parameters_are_cached_per_value(client, seeded_site):
    """The pricing page declares data_center and currency; each value is an entry."""
    assert client.get("/pricing/?currency=EUR")["X-Page-Cache"] == "miss"
    assert client.get("/pricing/?currency=EUR")["X-Page-Cache"] == "hit"
    assert client.get("/pricing/?currency=GBP")["X-Page-Cache"] == "miss"
    assert "X-Page-Cache" not in client.get("/pricing/?currency=EUR&x=1")
    assert "X-Page-Cache" not in client.get("/pricing/?currency=" + "E" * 101)


def test_a_cache_outage_degrades_to_uncached_pages(client, about, settings):
    """Redis down: pages, the 404 and /healthz still answer, without the cache."""
    settings.CACHES = {
        "default": {
            "BACKEND": "lumen_cms.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    page = client.get("/about/")
    assert page.status_code == 200
    assert b"About us" in page.content
    assert "X-Page-Cache" not in page
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/healthz").status_code == 200


def test_publishing_and_unpublishing_drop_cached_pages(client, about):
    assert b"About us" in client.get("/about/").content
    about.title = "About Lumen"
    about.save_revision().publish()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert b"About Lumen" in response.content
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_a_draft_save_keeps_the_cache_and_shows_nothing_new(client, about):
    client.get("/about/")
    about.title = "Draft title"
    about.save_revision()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "hit"
    assert b"Draft title" not in response.content


def test_other_pages_showing_the_change_are_dropped_too(client, about, seeded_site):
    """The menu on every page links the published page: all entries go."""
    client.get("/")
    mysql = seeded_site.get_descendants().get(slug="mysql").specific
    mysql.slug = "mysql-database"
    mysql.save_revision().publish()
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert b'href="/managed-services/mysql-database/"' in home.content


def test_settings_and_snippet_saves_drop_cached_pages(client, about, seeded_site):
    client.get("/about/")
    texts = NotFoundSettings.for_site(seeded_site.get_site())
    texts.save()
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_logged_in_visitors_get_private_pages_and_never_fill_the_cache(
    client, about, editor
):
    editor_client = Client()
    editor_client.force_login(editor)
    response = editor_client.get("/about/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert {p.strip() for p in response["Cache-Control"].split(",")} >= {
        "private",
        "no-store",
    }
    assert b"wagtail-userbar" in response.content
    anonymous = client.get("/about/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert b"wagtail-userbar" not in anonymous.content


def test_a_session_cookie_bypasses_the_cache(client, about):
    client.get("/about/")
    client.cookies["sessionid"] = "anything"
    response = client.get("/about/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_preview_is_private_and_never_cached(client, about, editor):
    client.get("/about/")  # the public version is cached
    about.title = "Secret draft"
    about.save_revision()
    editor_client = Client()
    editor_client.force_login(editor)
    preview = editor_client.get(f"/admin/pages/{about.pk}/view_draft/")
    assert preview.status_code == 200
    assert b"Secret draft" in preview.content
    assert "private" in preview["Cache-Control"]
    public = client.get("/about/")
    assert b"Secret draft" not in public.content
    assert b"About us" in public.content


def test_restricted_page_is_not_public(client, about):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    response = client.get("/about/")
    assert response.status_code == 200  # Wagtail's password form
    assert "X-Page-Cache" not in response
    assert "public" not in response["Cache-Control"]
    assert b"About us" not in client.get("/about/").content


def test_not_found_is_never_cached_per_path(client, seeded_site):
    """A 404 comes from the site's not-found shell: no entry per random path."""
    from django.core.cache import cache

    response = client.get("/missing/")
    assert response.status_code == 404
    again = client.get("/missing/")
    assert again["X-Page-Cache"] == "not-found"
    assert b"/missing/" in again.content
    assert cache.get(page_cache.page_key(again.wsgi_request)) is None


def test_views_that_are_not_pages_keep_their_headers(client, seeded_site):
    response = client.get("/search/?q=mysql")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_timeout_zero_turns_the_store_off_but_keeps_the_headers(
    client, about, settings
):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get("/about/")
    response = client.get("/about/")
    assert "X-Page-Cache" not in response
    assert "public" in response["Cache-Control"]


def test_an_evicted_generation_never_revives_old_entries(client, about):
    from django.core.cache import cache

    client.get("/about/")
    cache.delete(page_cache.GENERATION_KEY)
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    page_cache.bump_generation()
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("label", "update_fields", "expected"),
    [
        ("lumen_cms.navigationsettings", None, True),
        ("resources.incident", None, True),
        ("wagtailcore.page", None, True),
        ("wagtailcore.page", frozenset({"title", "latest_revision"}), True),
        ("wagtailcore.page", frozenset({"latest_revision", "draft_title"}), False),
        ("wagtailcore.revision", None, False),
        ("wagtailimages.rendition", None, False),
        ("forms.submission", None, False),
        ("forms.outboundemail", None, False),
        ("sessions.session", None, False),
        ("axes.accessattempt", None, False),
        ("axes.accesslog", None, False),
    ],
)
def test_which_writes_drop_the_page_cache(label, update_fields, expected):
    from django.apps import apps

    assert changes_public_pages(apps.get_model(label), update_fields) is expected


def test_page_model_subclasses_follow_the_draft_rule(about):
    assert not changes_public_pages(type(about), frozenset({"draft_title"}))
    assert isinstance(about, Page)


def test_failed_admin_logins_keep_the_cached_pages(client, about):
    assert client.get(about.url)["X-Page-Cache"] == "miss"
    for _ in range(3):
        Client().post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert client.get(about.url)["X-Page-Cache"] == "hit"
