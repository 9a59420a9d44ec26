from django.template.loader import get_template

import pytest

from lumen_cms.models import NotFoundSettings
from lumen_cms.suggestions import path_words, suggest_pages

pytestmark = pytest.mark.django_db

MESSAGE = (
    "We're sorry, the page you are looking for could not be found or no longer exists."
)


def test_unknown_url_is_a_404_with_seed_text_and_full_chrome(client, seeded_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="not-found__code">404</h1>' in html
    assert MESSAGE in html
    assert "Take me to the Home Page" in html
    assert (
        '<a class="button button--secondary" href="/contact-us/">Contact Us</a>' in html
    )
    assert "OR" in html
    assert 'class="mega-menu"' in html
    assert "© 2024 Lumen. All Rights Reserved." in html
    assert "1.888.638.6771" in html


def test_unknown_url_outside_wagtail_patterns_is_a_404_too(client, seeded_site):
    response = client.get("/a.b/c~d")
    assert response.status_code == 404
    assert MESSAGE in response.content.decode()


def test_markup_in_the_path_is_escaped(client, seeded_site):
    response = client.get("/%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_not_found_text_is_editable(client, seeded_site):
    texts = NotFoundSettings.objects.get()
    texts.message = "Gone fishing."
    texts.save()
    assert "Gone fishing." in client.get("/missing/").content.decode()


def test_did_you_mean_lists_closest_live_pages(client, seeded_site):
    html = client.get("/managed-services/mysq/").content.decode()
    assert "Were you looking for one of these?" in html
    assert '<a href="/managed-services/mysql/">MySQL</a>' in html
    first = html.split('aria-labelledby="suggestions-heading"')[1]
    assert first.index(">MySQL<") < first.index(">Managed Services<")


def test_did_you_mean_skips_unpublished_pages(seeded_site):
    seeded_site.get_descendants().get(slug="mysql").unpublish()
    urls = [s["url"] for s in suggest_pages(site=seeded_site.get_site(), path="/mysql")]
    assert "/managed-services/mysql/" not in urls


def test_suggestions_ignore_noise_and_bound_hostile_paths(seeded_site):
    site = seeded_site.get_site()
    assert suggest_pages(site=site, path="/%%%/") == []
    assert len(path_words("/" + "a-" * 50000)) <= 12
    assert suggest_pages(site=site, path="/" + "0" * 60000) == []


def test_debug_mode_shows_the_site_404_not_the_technical_page(
    client, seeded_site, settings
):
    settings.DEBUG = True
    for path in ("/nothing-here/", "/%3Cb%3E"):
        response = client.get(path)
        assert response.status_code == 404
        assert MESSAGE in response.content.decode()


def test_debug_mode_keeps_admin_404s(admin_client, seeded_site, settings):
    settings.DEBUG = True
    response = admin_client.get("/admin/pages/999999/edit/")
    assert response.status_code == 404
    assert MESSAGE not in response.content.decode()


def test_404_redirects_editors_dead_urls(client, seeded_site):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(
        old_path="/old-mysql", redirect_link="/managed-services/mysql/"
    )
    response = client.get("/old-mysql/")
    assert response.status_code in (301, 302)
    assert response["Location"] == "/managed-services/mysql/"


def test_500_page_is_static_and_self_contained():
    html = get_template("500.html").render({})
    assert "500" in html
    assert "{%" not in html and "Take me to the Home Page" in html


def test_sitemap_and_robots(client, seeded_site):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/managed-services/mysql/" in sitemap.content
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content
    assert b"Disallow: /admin/" in robots.content


def test_unknown_api_address_answers_json(client, seeded_site):
    response = client.get("/api/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
