from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils  # noqa: F401 - form_data helpers
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from lumen_cms.models import HomePage, StandardPage
from tests.lumen_cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_site_root_is_a_home_page_replacing_the_welcome_page(site):
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.slug == "home"
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()


def test_home_page_renders_hero_and_body(client, home_page):
    home_page.hero_heading = "Cloud services that keep Hybrid IT simple"
    home_page.hero_text = "Managed services & more"
    home_page.save_revision().publish()
    response = client.get("/")
    assert response.status_code == 200
    assert "lumen_cms/home_page.html" in [t.name for t in response.templates]
    assert b"Cloud services that keep Hybrid IT simple" in response.content
    assert b"Managed services &amp; more" in response.content


def test_standard_page_routes_and_renders_its_body(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        slug="about",
        body=[
            ("heading", {"text": "Our story", "level": "h2"}),
            ("paragraph", "<p>Since <b>1930</b>.</p>"),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-header__title">About Lumen Cloud</h1>' in html
    assert "Who we are." in html
    assert "<h2>Our story</h2>" in html
    assert "<b>1930</b>" in html
    assert '<li><a href="/">Lumen Cloud</a></li>' in html  # breadcrumb to home


def test_standard_page_escapes_editor_text(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="x", intro="<script>x</script>")
    html = client.get(page.url).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_unpublished_standard_page_is_not_found(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="draft")
    page.unpublish()
    assert client.get("/draft/").status_code == 404


def test_base_template_has_landmarks_and_skip_link(client, home_page):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer">' in html
    assert 'role="search"' in html
    assert "/static/css/lumen.css" in html


def test_editor_can_create_a_standard_page_in_the_admin(admin_client, home_page):
    url = f"/admin/pages/add/lumen_cms/standardpage/{home_page.pk}/"
    data = nested_form_data(
        {
            "title": "Partners",
            "slug": "partners",
            "intro": "Work with us.",
            "body": streamfield([("paragraph", rich_text("<p>Hello partners</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    page = StandardPage.objects.get(slug="partners")
    assert page.live
    assert "Hello partners" in str(page.body)


def test_home_page_is_limited_to_the_tree_root(home_page):
    assert not HomePage.can_create_at(home_page)
