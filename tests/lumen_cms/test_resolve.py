"""GET /api/v2/resolve/: one call per route (lumen_cms.resolve)."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

import pytest

from lumen_cms import page_cache
from lumen_cms.models import NavigationSettings
from lumen_cms.navigation import build_navigation
from tests.lumen_cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
URL = "/api/v2/resolve/"


def resolve(client, path, **extra):
    params = {"path": path, **extra.pop("params", {})}
    response = client.get(URL, params, **extra)
    body = json.loads(response.content) if response.content else None
    return response, body


@pytest.fixture
def mysql(seeded_site):
    return seeded_site.get_descendants().get(slug="mysql").specific


@pytest.fixture
def about(seeded_site):
    return StandardPageFactory(
        parent=seeded_site, slug="about", title="About us", intro="Who we are."
    )


def test_a_page_comes_with_fields_breadcrumbs_chrome_seo_and_cache_hints(
    client, mysql, settings
):
    settings.PAGE_CACHE_MAX_AGE = 90
    response, body = resolve(client, "/managed-services/mysql/")
    assert response.status_code == 200
    assert body["type"] == "page"
    page = body["page"]
    assert page["id"] == mysql.pk
    assert page["meta"]["type"] == "catalog.ServicePage"
    assert page["title"] == mysql.title
    assert {"summary", "body", "related_service_summaries"} <= set(page)
    assert body["route"] is None
    assert [crumb["url"] for crumb in body["breadcrumbs"]] == [
        "/",
        "/managed-services/",
        "/managed-services/mysql/",
    ]
    assert body["breadcrumbs"][-1]["title"] == mysql.title
    site = Site.objects.get(is_default_site=True)
    assert body["chrome"] == json.loads(json.dumps(build_navigation(site)))
    assert body["chrome"]["contact"]["numbers"]
    assert body["chrome"]["copyright_notice"]
    seo = body["seo"]
    assert seo["title"] == f"{mysql.title} | {site.site_name}"
    assert seo["canonical"] == f"{site.root_url}/managed-services/mysql/"
    assert seo["og"]["url"] == seo["canonical"]
    assert body["cache"]["max_age"] == 90
    assert body["cache"]["etag"] == response["ETag"]
    assert {f"page:{mysql.pk}", f"chrome:{site.pk}", f"site:{site.pk}"} <= set(
        body["cache"]["tags"]
    )
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=90"} <= cache_control
    assert "Cookie" in response["Vary"]


def test_breadcrumbs_without_routing_come_from_the_tree(client, mysql):
    from lumen_cms.routing import breadcrumbs

    _, body = resolve(client, "/managed-services/mysql/")
    site = Site.objects.get(is_default_site=True)
    fresh = Page.objects.get(pk=mysql.pk)  # no parents cached by routing
    assert [
        {"title": crumb["title"], "url": crumb["url"]}
        for crumb in breadcrumbs(site, fresh)
    ] == body["breadcrumbs"]


def test_the_page_part_is_what_the_pages_api_shows(client, mysql):
    _, body = resolve(client, "/managed-services/mysql/")
    detail = client.get(f"/api/v2/pages/{mysql.pk}/").json()
    assert body["page"] == detail


def test_an_escaped_path_routes_like_the_html_site(client, mysql):
    assert client.get("/managed-services/my%73ql/").status_code == 200
    _, body = resolve(client, "/managed-services/my%73ql/")
    assert body["page"]["id"] == mysql.pk


def test_home_page_has_no_breadcrumbs(client, seeded_site):
    response, body = resolve(client, "/")
    assert body["type"] == "page"
    assert body["page"]["id"] == seeded_site.pk
    assert body["breadcrumbs"] == []


def test_a_routable_sub_page_names_its_route(client, lumen_site):
    _, body = resolve(client, "/gdpr/dp-exhibit/v/2018-05/")
    assert body["type"] == "page"
    assert body["page"]["meta"]["type"] == "legal.LegalDocumentPage"
    assert body["route"]["name"] == "version"
    assert body["route"]["path"] == "/v/2018-05/"
    assert body["route"]["kwargs"] == {"label": "2018-05"}
    assert body["seo"]["canonical"].endswith("/gdpr/dp-exhibit/v/2018-05/")


def test_an_editors_redirect(client, seeded_site, about):
    Redirect.objects.create(old_path="/old-about", redirect_page=about)
    Redirect.objects.create(
        old_path="/partners",
        redirect_link="https://partners.example",
        is_permanent=False,
    )
    response, body = resolve(client, "/old-about/")
    assert response.status_code == 200
    assert body["type"] == "redirect"
    assert body["location"] == "/about/"
    assert body["permanent"] is True
    assert "chrome" not in body
    _, body = resolve(client, "/partners/?utm=mail")
    assert (body["location"], body["permanent"]) == ("https://partners.example", False)


def test_redirects_wagtail_creates_when_a_page_moves_or_is_renamed(
    client, seeded_site, mysql, django_capture_on_commit_callbacks
):
    mysql.slug = "mysql-database"
    with django_capture_on_commit_callbacks(execute=True):
        mysql.save_revision().publish()
    _, body = resolve(client, "/managed-services/mysql/")
    assert body["type"] == "redirect"
    assert body["location"] == "/managed-services/mysql-database/"
    about = StandardPageFactory(parent=seeded_site, slug="about", title="About")
    about.move(mysql.get_parent(), pos="last-child")
    _, body = resolve(client, "/about/")
    assert (body["type"], body["location"]) == ("redirect", "/managed-services/about/")


def test_a_path_without_its_slash_redirects_like_the_html_site(client, mysql):
    html = client.get("/managed-services/mysql")
    _, body = resolve(client, "/managed-services/mysql")
    assert html.status_code == 301
    assert body == {
        "type": "redirect",
        "location": html["Location"],
        "permanent": True,
        "cache": body["cache"],
    }


def test_an_unknown_path_is_not_found_with_suggestions_and_chrome(client, mysql):
    response, body = resolve(client, "/managed-services/mysq/")
    assert response.status_code == 404
    assert body["type"] == "not_found"
    assert {"title": mysql.title, "url": "/managed-services/mysql/"} in body[
        "suggestions"
    ]
    assert body["chrome"]["mega_menu"]
    assert body["texts"]["heading"] == "404"
    assert body["texts"]["contact_url"]
    assert "page" not in body
    # Random paths do not fill the cache.
    assert resolve(client, "/managed-services/mysq/")[0]["X-Resolve-Cache"] == "off"


def test_drafts_never_leak(client, about):
    about.title = "Draft title"
    about.save_revision()
    response = client.get(URL, {"path": "/about/"})
    assert b"Draft title" not in response.content
    draft = StandardPageFactory(parent=about, slug="draft", title="Secret draft")
    draft.unpublish()
    response, body = resolve(client, "/about/draft/")
    assert response.status_code == 404
    assert b"Secret draft" not in response.content


@pytest.fixture
def private(about):
    page = StandardPageFactory(
        parent=about, slug="private", title="Private title", intro="Private intro"
    )
    StandardPageFactory(parent=page, slug="child", title="Child", intro="Child intro")
    return page


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_a_login_restriction_answers_with_the_login_redirect(client, private, kind):
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=kind
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Insiders"))
    for path in ("/about/private/", "/about/private/child/"):
        html = client.get(path)
        response, body = resolve(client, path)
        assert html.status_code == 302
        assert response.status_code == 401
        assert body["type"] == "restricted"
        assert body["restriction"] == "login"
        assert body["location"] == html["Location"]
        assert b"Private" not in response.content
        assert b"Child intro" not in response.content
        assert "no-store" in response["Cache-Control"]
        assert body["chrome"]["mega_menu"]


def test_a_password_restriction_points_at_the_password_form(client, private):
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    html = client.get("/about/private/")
    response, body = resolve(client, "/about/private/")
    assert response.status_code == 401
    assert body["restriction"] == "password"
    form_url = f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/"
    assert body["location"] == form_url
    assert body["location"].encode() in html.content
    assert b"Private" not in response.content
    # The same visitor after passing the password, as on the HTML site:
    client.post(body["location"], {"password": "s3cret", "return_url": "/about/"})
    response, body = resolve(client, "/about/private/")
    assert response.status_code == 200
    assert body["page"]["intro"] == "Private intro"
    assert "no-store" in response["Cache-Control"]
    # ...which never reaches visitors without that session.
    response, body = resolve(Client(), "/about/private/")
    assert body["type"] == "restricted"
    assert b"Private intro" not in response.content


def test_a_logged_in_member_of_the_group_sees_the_page(client, private):
    group = Group.objects.create(name="Insiders")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.add(group)
    user = get_user_model().objects.create_user("insider", password="pw")
    user.groups.add(group)
    resolve(client, "/about/private/")  # the anonymous answer is now cached
    client.force_login(user)
    response, body = resolve(client, "/about/private/")
    assert body["type"] == "page"
    assert body["page"]["title"] == "Private title"
    assert "private" in response["Cache-Control"]
    _, body = resolve(Client(), "/about/private/")
    assert body["type"] == "restricted"


def test_etag_answers_304_and_changes_with_content(client, about):
    response, _ = resolve(client, "/about/")
    etag = response["ETag"]
    again = client.get(URL, {"path": "/about/"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    weak = client.get(URL, {"path": "/about/"}, HTTP_IF_NONE_MATCH=f'"x", W/{etag}')
    assert weak.status_code == 304
    about.intro = "New intro"
    about.save_revision().publish()
    changed = client.get(URL, {"path": "/about/"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert json.loads(changed.content)["page"]["intro"] == "New intro"


def test_no_304_for_a_not_found(client, seeded_site):
    response, _ = resolve(client, "/nothing-here/")
    again = client.get(
        URL, {"path": "/nothing-here/"}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 404


def test_warm_is_one_cache_round_trip_and_no_query(
    client, about, django_assert_num_queries, monkeypatch
):
    first, _ = resolve(client, "/about/")
    assert first["X-Resolve-Cache"] == "miss"
    calls, inside = [], []
    original_get, original_get_many = cache.get, cache.get_many

    def get_many(keys, *args, **kwargs):
        calls.append(("get_many", tuple(keys)))
        inside.append(True)  # the local-memory backend loops over get()
        try:
            return original_get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    def get(*args, **kwargs):
        if not inside:
            calls.append(("get", args))
        return original_get(*args, **kwargs)

    monkeypatch.setattr(cache, "get_many", get_many)
    monkeypatch.setattr(cache, "get", get)
    for name in ("set", "add", "delete", "incr"):
        monkeypatch.setattr(cache, name, lambda *a, **k: calls.append(("write", a)))
    with django_assert_num_queries(0):
        hit, _ = resolve(client, "/about/")
    assert hit["X-Resolve-Cache"] == "hit"
    assert len(calls) == 1
    assert calls[0][0] == "get_many"
    assert hit.content == first.content


def test_a_cold_resolve_costs_no_more_queries_than_the_html_page(
    client, mysql, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_TIMEOUT = 0
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as html:
        assert client.get("/managed-services/mysql/").status_code == 200
    cache.clear()
    with django_assert_max_num_queries(len(html)):
        assert resolve(client, "/managed-services/mysql/")[0].status_code == 200


def test_every_content_write_drops_cached_answers(client, about, seeded_site):
    resolve(client, "/about/")
    assert resolve(client, "/about/")[0]["X-Resolve-Cache"] == "hit"
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.copyright_notice = "© Someone else"
    settings.save()
    response, body = resolve(client, "/about/")
    assert response["X-Resolve-Cache"] == "miss"
    assert body["chrome"]["copyright_notice"] == "© Someone else"
    page_cache.bump_generation()
    assert resolve(client, "/about/")[0]["X-Resolve-Cache"] == "miss"


def test_site_from_the_parameter_or_the_host(client, seeded_site, settings):
    settings.ALLOWED_HOSTS = ["*"]
    root = Page.get_first_root_node()
    other_home = StandardPageFactory(parent=root, slug="other", title="Other home")
    StandardPageFactory(parent=other_home, slug="about", title="Other about")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    StandardPageFactory(parent=seeded_site, slug="about", title="Lumen about")

    def title(**kwargs):
        return resolve(client, "/about/", **kwargs)[1]["page"]["title"]

    assert title() == "Lumen about"
    assert title(HTTP_HOST="other.example") == "Other about"
    assert title(params={"site": "other.example"}) == "Other about"
    assert title(params={"site": "other.example:80"}) == "Other about"
    lumen = Site.objects.get(root_page=seeded_site).hostname
    assert title(HTTP_HOST="other.example", params={"site": lumen}) == "Lumen about"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "path"),
        ({"path": ""}, "path"),
        ({"path": "about/"}, "path"),
        ({"path": "//evil.example/"}, "path"),
        ({"path": "/" + "a" * 3000}, "path"),
        ({"path": "/a\x00b/"}, "path"),
        ({"path": "/", "fields": "*"}, "fields"),
        ({"path": "/", "site": "nowhere.example"}, "site"),
        ({"path": "/", "site": "localhost:http"}, "site"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(client, site, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_only_get_and_head(client, site):
    assert client.post(URL + "?path=/").status_code == 405
    assert client.head(URL, {"path": "/"}).status_code == 200
