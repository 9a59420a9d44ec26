"""The seeded public site: GDPR reachable from the chrome, the GDPR page's links, the
home hero's calls to action, one list of data centers, and the shared stylesheets."""

import re
from pathlib import Path

from wagtail.models import Site

import pytest

from catalog.models import DataCenter, ServicePageSettings
from lumen_cms.models import NavigationSettings
from resources.models import StatusDataCenter

ROOT = Path(__file__).resolve().parents[2]
APP_CSS = sorted(
    path
    for app in ("catalog", "forms", "legal", "resources")
    for path in (ROOT / app / "static").rglob("*.css")
)


@pytest.mark.django_db
def test_seeded_site_chrome_gdpr_hero_and_data_centers(client, lumen_site):
    # GDPR is an ordinary, editable link of the header's utility bar and the footer.
    nav = NavigationSettings.for_site(lumen_site)
    gdpr = lumen_site.root_page.get_children().get(slug="gdpr")
    assert nav.utility_links[0].value["page"].pk == gdpr.pk
    assert nav.legal_links[0].value["page"].pk == gdpr.pk
    home = client.get("/").text
    assert re.search(r'class="utility-links">\s*<li><a href="/gdpr/">GDPR</a>', home)
    assert '<a href="/gdpr/">GDPR and Data Protection</a>' in home

    # The GDPR page links the DP Exhibit, its versions and the acceptance form.
    html = client.get("/gdpr/").text
    assert 'href="/gdpr/dp-exhibit/"' in html
    assert 'href="/gdpr/dp-exhibit/versions/"' in html
    assert 'href="/gdpr/accept-dp-terms/"' in html
    assert client.get("/gdpr/dp-exhibit/versions/").status_code == 200

    # The home hero has calls to action and a side panel.
    assert re.search(r'class="button button--on-dark" href="/contact-us/"', home)
    assert 'href="/estimator/">Estimate your costs</a>' in home
    assert 'class="hero__aside"' in home

    # Status lists the same data centers as the price sheets.
    assert set(StatusDataCenter.objects.values_list("code", flat=True)) == set(
        DataCenter.objects.values_list("alias", flat=True)
    )
    assert StatusDataCenter.objects.count() == 14

    # Service pages end with the contact call to action and show their prices.
    settings = ServicePageSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.contact_page.slug == "contact-us"
    mysql = client.get("/managed-services/mysql/").text
    assert 'class="service-contact" href="/contact-us/"' in mysql
    assert "Managed MySQL" in mysql
    main = mysql[mysql.index('class="service-layout"') :]
    assert "Management and maintenance for your MySQL workloads." not in main

    # Pages without an editor's search description still describe themselves.
    assert re.search(r'<meta name="description" content="Management and', mysql)
    contact = client.get("/contact-us/").text
    assert '<meta name="description" content="' in contact


def test_app_stylesheets_read_the_design_tokens_with_fallbacks():
    assert APP_CSS, "the apps ship stylesheets"
    for path in APP_CSS:
        css = path.read_text()
        for match in re.finditer(r"var\((--[\w-]+)([^)]*)\)", css):
            assert match.group(1).startswith("--lumen-"), (path, match.group(0))
            assert match.group(2).startswith(","), f"{path}: {match.group(0)}"


def test_stylesheets_and_templates_load_nothing_from_other_hosts():
    files = [
        *APP_CSS,
        ROOT / "static" / "css" / "lumen.css",
        *ROOT.glob("templates/**/*.html"),
        *ROOT.glob("*/templates/**/*.html"),
    ]
    for path in files:
        text = path.read_text()
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), path
        assert not re.search(r'<(link|script)[^>]+(href|src)="(https?:)?//', text), path
