"""Absolute URLs the site generates use the configured base URL (WAGTAILADMIN_BASE_URL,
which the seed writes into the site record), never http://localhost/ on port 80."""

import re
import time
from io import StringIO

from django.core import mail
from django.core.management import call_command

from wagtail.models import Site

import pytest

from forms import spam
from forms.models import DPTermsPage

BASE = "http://127.0.0.1:8110"


@pytest.fixture
def on_port_8110(settings, lumen_site):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    call_command("load_lumen_site", stdout=StringIO())
    return Site.objects.get(is_default_site=True)


def test_seed_points_the_site_record_at_the_base_url(on_port_8110):
    assert (on_port_8110.hostname, on_port_8110.port) == ("127.0.0.1", 8110)
    assert on_port_8110.root_url == BASE


def test_api_and_sitemap_links_use_the_base_url(client, on_port_8110):
    api = client.get("/api/v2/pages/", {"limit": 50}).json()
    for item in api["items"]:
        assert item["meta"]["html_url"].startswith(f"{BASE}/")
        assert item["meta"]["detail_url"].startswith(f"{BASE}/api/v2/pages/")
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 20
    assert all(loc.startswith(f"{BASE}/") for loc in locations)
    assert "localhost" not in sitemap + str(api)


def test_acceptance_mail_permalink_uses_the_base_url(
    client, on_port_8110, django_capture_on_commit_callbacks
):
    page = DPTermsPage.objects.get()
    data = {
        "company": "Acme GmbH",
        "signer_name": "Grace Hopper",
        "title": "CTO",
        "email": "grace@acme.example",
        "i_am_authorised_to_bind_the_company": "on",
        "i_accept_lumens_data_protection_terms": "on",
        "terms_version": "2018-05",
        spam.TOKEN_FIELD: spam.issue_token(page.pk, now=time.time() - 60),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page.url, data).status_code == 303
    confirmation = next(m for m in mail.outbox if m.to == ["grace@acme.example"])
    assert f"Permanent link: {BASE}/gdpr/dp-exhibit/v/2018-05/" in confirmation.body


def test_an_administrators_site_address_is_kept(settings, lumen_site):
    lumen_site.hostname, lumen_site.port = "www.lumen.example", 443
    lumen_site.save()
    settings.WAGTAILADMIN_BASE_URL = BASE
    out = StringIO()
    call_command("load_lumen_site", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.lumen.example", 443)
    assert re.search(r"kept\s+Site \(Lumen Cloud\): hostname, port", out.getvalue())
