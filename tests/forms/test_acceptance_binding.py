"""An acceptance binds to the version the signer saw, and only while the legal
document is live; the signer's mail repeats nothing they typed but their name."""

import datetime
import json

from django.core import mail

from wagtail.test.utils import WagtailTestUtils

import pytest

from forms import spam
from forms.models import DPAcceptance, Submission
from legal.services import publish_version
from tests.legal.factories import clause, simple_body

from .conftest import token_for
from .test_acceptance import ACCEPT, AUTH, dp_page, exhibit, post, version  # noqa: F401

pytestmark = pytest.mark.django_db


def api_payload(page, **overrides) -> dict:
    current = page.current_version()
    return {
        "company": "Acme GmbH",
        "signer_name": "Grace Hopper",
        "title": "CTO",
        "email": "grace@acme.example",
        "i_am_authorised_to_bind_the_company": True,
        "i_accept_lumens_data_protection_terms": True,
        "terms_version": current.label if current else "",
        spam.TOKEN_FIELD: token_for(page),
        **overrides,
    }


def api(client, page, payload):
    return client.post(
        f"/api/forms/{page.slug}/", json.dumps(payload), content_type="application/json"
    )


@pytest.fixture
def newer(exhibit, version):  # noqa: F811
    """Version 2019-01 of the exhibit, effective 1 January 2019."""
    exhibit.body = [*simple_body(), clause("new", "New.", "Added.")]
    exhibit.save_revision().publish()
    return publish_version(
        document=exhibit,
        label="2019-01",
        effective_date=datetime.date(2019, 1, 1),
        change_summary="New clause.",
        user=None,
        check_permission=False,
    )


def test_the_form_carries_the_version_it_shows(client, dp_page, version):  # noqa: F811
    html = client.get(dp_page.url).content.decode()
    assert 'name="terms_version" value="2018-05"' in html
    assert "version 2018-05" in html
    schema = client.get(f"/api/forms/{dp_page.slug}/").json()
    assert schema["terms_version"]["label"] == "2018-05"
    assert schema["terms_version"]["sha256"] == version.sha256
    assert schema["terms_version_field"] == "terms_version"


def test_stale_version_html(client, dp_page, version, newer):  # noqa: F811
    response = post(client, dp_page, terms_version="2018-05")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Version 2019-01 of the terms took effect" in html
    assert 'name="terms_version" value="2019-01"' in html
    assert "version 2019-01" in html  # the new text is what the page now shows
    assert 'value="Acme GmbH"' in html  # typed details kept...
    soup = WagtailTestUtils.get_soup(html)
    for box in (
        "i_accept_lumens_data_protection_terms",
        "i_am_authorised_to_bind_the_company",
    ):
        assert "checked" not in soup.find("input", attrs={"name": box}).attrs
    assert not DPAcceptance.objects.exists()  # ...nothing recorded
    assert not Submission.objects.exists()
    response = post(client, dp_page)  # confirmed against the new version
    assert response.status_code == 303
    assert DPAcceptance.objects.get().version == newer


def test_stale_or_missing_version_api(client, dp_page, version, newer):  # noqa: F811
    for label in ("2018-05", "", "nonsense"):
        response = api(client, dp_page, api_payload(dp_page, terms_version=label))
        assert response.status_code == 400
        assert response.json()["errors"]["__all__"]
    payload = api_payload(dp_page)
    del payload["terms_version"]
    assert api(client, dp_page, payload).status_code == 400
    assert not DPAcceptance.objects.exists()
    response = api(client, dp_page, api_payload(dp_page))
    assert response.status_code == 201, response.content
    assert DPAcceptance.objects.get().version_label == "2019-01"


def test_acceptance_is_refused_while_the_document_is_offline(
    client,
    dp_page,  # noqa: F811
    version,  # noqa: F811
):
    dp_page.terms_page.unpublish()
    response = post(client, dp_page, terms_version="2018-05")
    assert response.status_code == 400
    assert b"not available" in response.content
    response = api(client, dp_page, api_payload(dp_page, terms_version="2018-05"))
    assert response.status_code in (400, 503)
    assert not DPAcceptance.objects.exists()
    assert client.get(f"/api/forms/{dp_page.slug}/").json()["terms_version"] is None


def test_signer_mail_carries_no_free_text_but_the_name(
    client,
    dp_page,  # noqa: F811
    version,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    spam_text = "Claim your prize at evil.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, dp_page, company=spam_text, title=spam_text)
    assert response.status_code == 303
    confirmation = next(m for m in mail.outbox if m.to == ["grace@acme.example"])
    assert "Grace Hopper" in confirmation.body
    assert spam_text not in confirmation.body
    assert spam_text not in confirmation.subject
    assert version.sha256 in confirmation.body
    assert ACCEPT in confirmation.body and AUTH in confirmation.body
    record = DPAcceptance.objects.get()
    assert record.company == spam_text  # the record itself keeps everything
