"""The route index: pages found without Wagtail's per-segment queries, the same
answers (restrictions, redirects, sites, scheduled publishing, sub-routes), the fast
not-found page, and page-cache refills limited to what a publish can affect."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

import pytest

from lumen_cms import page_cache, route_index
from tests.lumen_cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def status(client, path: str, **extra) -> str:
    response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response["X-Page-Cache"]


@pytest.fixture
def tree(home_page):
    """home → about → team; home → pricing-faq (a branch of its own)."""
    about = StandardPageFactory(parent=home_page, slug="about", title="About us")
    team = StandardPageFactory(parent=about, slug="team", title="Our team")
    faq = StandardPageFactory(parent=home_page, slug="pricing-faq", title="Pricing FAQ")
    # The first render creates the site's settings rows (a global change).
    Client().get("/")
    return {"about": about, "team": team, "faq": faq}


def test_an_uncached_page_skips_site_routing_and_restriction_queries(
    client, tree, settings
):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get("/about/team/")  # builds the index once
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/about/team/")
    assert response.status_code == 200
    assert b"Our team" in response.content
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "wagtailcore_pageviewrestriction" not in tables
    # The page itself, then what its template reads (breadcrumbs): no per-segment walk.
    assert len(queries.captured_queries) <= 3


def test_the_index_is_shared_between_processes(tree, django_assert_num_queries):
    generation = route_index.current_generation()
    built = route_index.for_generation(generation)
    route_index.forget_local()  # another process, same cache
    with django_assert_num_queries(0):
        loaded = route_index.for_generation(generation)
    assert loaded.routes == built.routes


def test_a_publish_refreshes_the_page_its_ancestors_and_descendants_only(client, tree):
    for path in ("/about/", "/about/team/", "/pricing-faq/"):
        assert status(client, path) == "miss"
        assert status(client, path) == "hit"
    about = tree["about"]
    about.title = "About Lumen"
    about.save_revision().publish()
    assert status(client, "/pricing-faq/") == "hit"  # another branch: kept
    assert status(client, "/about/") == "miss"
    assert status(client, "/about/team/") == "miss"  # its breadcrumb shows the title
    assert status(client, "/") == "miss"  # the home page lists its children
    assert b"About Lumen" in client.get("/about/").content


def test_a_page_linking_to_the_published_page_is_refreshed(client, tree):
    faq = tree["faq"]
    about = tree["about"]
    faq.body = [
        {
            "type": "paragraph",
            "value": f'<p>See <a linktype="page" id="{about.pk}">us</a>.</p>',
        }
    ]
    faq.save_revision().publish()
    assert status(client, "/pricing-faq/") == "miss"
    assert status(client, "/pricing-faq/") == "hit"
    team = tree["team"]
    team.title = "The team"
    team.save_revision().publish()
    assert status(client, "/pricing-faq/") == "hit"  # links to about, not to team
    about.slug = "about-us"
    about.save_revision().publish()
    assert status(client, "/pricing-faq/") == "miss"
    assert b'href="/about-us/"' in client.get("/pricing-faq/").content


def test_a_global_change_refreshes_every_page(client, tree):
    assert status(client, "/pricing-faq/") == "miss"
    page_cache.bump_generation()  # e.g. a settings or snippet save
    assert status(client, "/pricing-faq/") == "miss"


def test_view_restrictions_still_apply(client, tree):
    assert status(client, "/about/team/") == "miss"
    PageViewRestriction.objects.create(
        page=tree["about"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get("/about/team/")
    assert b"Our team" not in response.content
    assert "password" in response.content.decode().lower()


def test_unpublished_and_moved_pages(client, tree):
    assert status(client, "/about/team/") == "miss"
    tree["team"].unpublish()
    assert client.get("/about/team/").status_code == 404
    faq = tree["faq"]
    faq.move(tree["about"], pos="last-child")
    assert status(client, "/about/pricing-faq/") == "miss"
    # Wagtail's automatic redirect from the old path, not a stale page.
    moved = client.get("/pricing-faq/")
    assert (moved.status_code, moved["Location"]) == (301, "/about/pricing-faq/")


def test_scheduled_publishing(client, tree):
    page = StandardPageFactory.build(slug="launch", title="Launch", live=False)
    tree["about"].add_child(instance=page)
    revision = page.save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get("/about/launch/").status_code == 404
    revision.publish()  # what publish_scheduled does once go-live passes
    call_command("publish_scheduled")
    assert status(client, "/about/launch/") == "miss"


def test_multiple_sites_route_by_host(client, tree, settings):
    settings.ALLOWED_HOSTS = ["testserver", "docs.example"]
    root = Page.get_first_root_node()
    docs_home = StandardPageFactory(parent=root, slug="docs-home", title="Docs home")
    StandardPageFactory(parent=docs_home, slug="about", title="About the docs")
    Site.objects.create(hostname="docs.example", port=80, root_page=docs_home)
    assert b"About us" in client.get("/about/").content
    other = client.get("/about/", HTTP_HOST="docs.example")
    assert other.status_code == 200
    assert b"About the docs" in other.content
    assert client.get("/about/team/", HTTP_HOST="docs.example").status_code == 404


def test_redirects_still_answer_paths_without_a_page(client, tree):
    assert client.get("/old-about/").status_code == 404
    Redirect.objects.create(old_path="/old-about", redirect_page=tree["about"])
    response = client.get("/old-about/")
    assert response.status_code == 301
    assert response["Location"].endswith("/about/")


def test_sub_routes_of_routable_pages_still_resolve(client, seeded_site):
    """A legal document's versions are its own route(): the index hands over."""
    response = client.get("/gdpr/dp-exhibit/v/2018-05/")
    assert response.status_code == 200
    assert client.get("/gdpr/dp-exhibit/v/no-such-version/").status_code == 404


def test_a_random_url_is_answered_from_the_not_found_shell(
    client, tree, django_assert_num_queries
):
    client.get("/warm-up/")  # the first render made the not-found settings row
    first = client.get("/nowhere-at-all/")
    assert first.status_code == 404
    with django_assert_num_queries(0):
        second = client.get("/somewhere-else/")
    assert second.status_code == 404
    assert second["X-Page-Cache"] == "not-found"
    assert b"<code>/somewhere-else/</code>" in second.content
    assert first.content.replace(b"/nowhere-at-all/", b"/somewhere-else/") == (
        second.content
    )


def test_the_not_found_shell_escapes_the_path(client, tree):
    client.get("/warm-up/")
    response = client.get("/%3Cscript%3Ealert(1)%3C/script%3E/")
    assert response.status_code == 404
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_logged_in_visitors_get_the_full_not_found_page(client, tree, admin_user):
    client.force_login(admin_user)
    response = client.get("/nowhere-at-all/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_editors_share_the_content_block_until_the_page_changes(
    client, tree, admin_user, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_TIMEOUT = 0  # every visit misses the full-page cache
    client.force_login(admin_user)
    assert b"Our team" in client.get("/about/team/").content
    team = tree["team"]
    team.intro = "Fresh words."
    team.save_revision()  # a draft: the live page is unchanged
    assert b"Fresh words." not in client.get("/about/team/").content
    team.get_latest_revision().publish()
    assert b"Fresh words." in client.get("/about/team/").content


def test_content_holding_a_csrf_token_is_never_shared(client, seeded_site):
    """A form page's content carries a CSRF and a form token: rendered per visit."""
    from django.core.cache import cache

    response = client.get("/contact-us/")
    assert response.status_code == 200
    assert page_cache.fragment_key(response.wsgi_request) is not None
    key, _ = page_cache.fragment_key(response.wsgi_request)
    assert cache.get(key) is None
    mysql = client.get("/managed-services/mysql/")
    key, stamp = page_cache.fragment_key(mysql.wsgi_request)
    assert cache.get(key)[0] == stamp


def test_the_content_block_can_be_turned_off(client, tree, settings):
    from django.core.cache import cache

    settings.PAGE_FRAGMENT_TIMEOUT = 0
    cache.clear()
    response = client.get("/about/")
    assert page_cache.fragment_key(response.wsgi_request) is None
    assert not [k for k in cache._cache if page_cache.FRAGMENT_PREFIX in k]


def test_an_index_built_before_the_publish_commits_is_never_used(
    tree, django_capture_on_commit_callbacks
):
    """Another request may build the index between the publish and its commit: that
    index belongs to a generation the commit leaves behind."""
    about = tree["about"]
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About Lumen"
        about.save_revision().publish()
        in_between = route_index.for_generation(route_index.current_generation())
    assert route_index.current_generation() != in_between.generation


def test_another_release_never_reads_this_ones_index(tree, monkeypatch):
    """The shared key carries the index's and the suggestions' layout versions."""
    from django.core.cache import cache

    from lumen_cms import suggestions

    layout = f":{route_index.FORMAT}.{suggestions.FORMAT}:"
    assert layout in route_index.INDEX_KEY
    generation = route_index.current_generation()
    route_index.for_generation(generation)
    assert cache.get(route_index.INDEX_KEY.format(generation)) is not None
    monkeypatch.setattr(route_index, "INDEX_KEY", "lumen-route-index:999.1:{}")
    route_index.forget_local()
    built = []
    real_build = route_index.build
    monkeypatch.setattr(
        route_index, "build", lambda g: built.append(g) or real_build(g)
    )
    route_index.for_generation(generation)
    assert built == [generation]


def test_renaming_the_site_refreshes_every_title(client, tree):
    assert status(client, "/pricing-faq/") == "miss"
    assert status(client, "/pricing-faq/") == "hit"
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed Cloud"
    site.save()
    response = client.get("/pricing-faq/")
    assert response["X-Page-Cache"] == "miss"
    assert b"| Renamed Cloud</title>" in response.content


def test_restricting_a_page_refreshes_the_pages_listing_or_linking_it(
    client, seeded_site
):
    client.get("/managed-services/")
    assert status(client, "/managed-services/") == "hit"  # it lists its services
    mysql = seeded_site.get_descendants().get(slug="mysql")
    PageViewRestriction.objects.create(
        page=mysql, restriction_type=PageViewRestriction.LOGIN
    )
    assert status(client, "/managed-services/") == "miss"
