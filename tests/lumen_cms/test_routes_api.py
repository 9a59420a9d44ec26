"""GET /api/v2/sitemap/ and /api/v2/redirects/ (lumen_cms.routes_api)."""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

import pytest

from tests.lumen_cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(seeded_site):
    about = StandardPageFactory(parent=seeded_site, slug="about", title="About")
    team = StandardPageFactory(parent=about, slug="team", title="Team")
    team.save_revision().publish()
    team.refresh_from_db()
    private = StandardPageFactory(parent=seeded_site, slug="private", title="Private")
    StandardPageFactory(parent=private, slug="inner", title="Inner")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    draft = StandardPageFactory(parent=seeded_site, slug="draft", title="Draft")
    draft.unpublish()
    return about, team


def all_items(client, url, **params):
    items, offset = [], 0
    while True:
        body = client.get(url, {**params, "offset": offset, "limit": 7}).json()
        items += body["items"]
        offset += 7
        if offset >= body["meta"]["total_count"]:
            return body["meta"], items


def test_sitemap_lists_every_live_public_path_with_lastmod(client, pages):
    about, team = pages
    meta, items = all_items(client, "/api/v2/sitemap/")
    paths = [item["path"] for item in items]
    assert meta["total_count"] == len(items) == len(set(paths))
    assert paths[0] == "/"
    assert {"/about/", "/about/team/", "/managed-services/mysql/"} <= set(paths)
    assert not {"/private/", "/private/inner/", "/draft/"} & set(paths)
    entry = next(item for item in items if item["path"] == "/about/team/")
    assert entry["id"] == team.pk
    assert entry["type"] == "lumen_cms.StandardPage"
    assert entry["lastmod"].startswith(str(team.last_published_at.date()))
    public = Page.objects.live().public().filter(depth__gte=2).count()
    assert meta["total_count"] == public
    assert meta["site"]["hostname"] == Site.objects.get(is_default_site=True).hostname


def test_sitemap_is_per_site(client, pages, settings):
    settings.ALLOWED_HOSTS = ["*"]
    other_home = StandardPageFactory(
        parent=Page.get_first_root_node(), slug="other", title="Other"
    )
    StandardPageFactory(parent=other_home, slug="news", title="News")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    by_param = client.get("/api/v2/sitemap/", {"site": "other.example"}).json()
    by_host = client.get("/api/v2/sitemap/", HTTP_HOST="other.example").json()
    assert by_param == by_host
    assert [item["path"] for item in by_param["items"]] == ["/", "/news/"]


def test_redirects_list_site_specific_and_global_ones(client, pages):
    about, _ = pages
    site = Site.objects.get(is_default_site=True)
    Redirect.objects.create(old_path="/old-about", redirect_page=about, site=site)
    Redirect.objects.create(
        old_path="/blog", redirect_link="https://blog.example", is_permanent=False
    )
    Redirect.objects.create(old_path="/empty")  # leads nowhere: not listed
    other_home = StandardPageFactory(
        parent=Page.get_first_root_node(), slug="other", title="Other"
    )
    other = Site.objects.create(hostname="other.example", root_page=other_home)
    Redirect.objects.create(old_path="/elsewhere", redirect_page=about, site=other)
    body = client.get("/api/v2/redirects/").json()
    assert body["meta"]["total_count"] == 2
    assert body["items"] == [
        {
            "old_path": "/blog",
            "location": "https://blog.example",
            "permanent": False,
            "site": None,
            "automatically_created": False,
        },
        {
            "old_path": "/old-about",
            "location": "/about/",
            "permanent": True,
            "site": site.pk,
            "automatically_created": False,
        },
    ]


def test_listings_answer_304_to_their_etag(client, pages):
    first = client.get("/api/v2/sitemap/")
    again = client.get("/api/v2/sitemap/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "public" in first["Cache-Control"]


@pytest.mark.parametrize("url", ["/api/v2/sitemap/", "/api/v2/redirects/"])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "1e23"}, "offset"),
        ({"site": "nowhere.example"}, "site"),
        ({"type": "x"}, "type"),
    ],
)
def test_bad_parameters_are_a_400(client, site, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
