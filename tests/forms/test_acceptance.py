import datetime

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError

import pytest

from forms import spam
from forms.models import (
    DPAcceptance,
    DPTermsField,
    DPTermsPage,
    OutboundEmail,
    Submission,
)
from forms.services import purge_expired
from legal.models import LegalDocumentPage
from legal.services import publish_version

from .conftest import token_for

pytestmark = pytest.mark.django_db

AUTH = "I am authorised to bind the company"
ACCEPT = "I accept Lumen's Data Protection terms"


@pytest.fixture
def exhibit(home_page):
    page = LegalDocumentPage(title="Lumen Data Protection Exhibit", slug="dp-exhibit")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def version(exhibit):
    return publish_version(
        document=exhibit,
        label="2018-05",
        effective_date=datetime.date(2018, 5, 25),
        change_summary="",
        user=None,
        check_permission=False,
    )


@pytest.fixture
def dp_page(home_page, exhibit):
    page = DPTermsPage(
        title="Accept DP terms",
        slug="accept-dp-terms",
        terms_page=exhibit,
        to_address="privacy@lumen.example",
        thank_you_text="<p>Recorded.</p>",
        retention_days=1,
    )
    page.form_fields = [
        DPTermsField(label="Company", field_type="singleline"),
        DPTermsField(label="Signer name", field_type="singleline"),
        DPTermsField(label="Title", field_type="singleline"),
        DPTermsField(label="Email", field_type="email"),
        DPTermsField(label=AUTH, field_type="checkbox"),
        DPTermsField(label=ACCEPT, field_type="checkbox"),
    ]
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def post(client, page, **overrides):
    version = page.current_version()
    data = {
        "terms_version": version.label if version else "",
        "company": "Acme GmbH",
        "signer_name": "Grace Hopper",
        "title": "CTO",
        "email": "grace@acme.example",
        "i_am_authorised_to_bind_the_company": "on",
        "i_accept_lumens_data_protection_terms": "on",
        spam.TOKEN_FIELD: token_for(page),
        **overrides,
    }
    return client.post(page.url, data)


def test_acceptance_binds_version_and_mails_the_signer(
    client, dp_page, version, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, dp_page)
    assert response.status_code == 303
    response = client.get(response["Location"])
    record = DPAcceptance.objects.get()
    assert record.version == version
    assert record.version_label == "2018-05"
    assert record.version_sha256 == version.sha256
    assert record.checkbox_wording == [AUTH, ACCEPT]
    assert (record.company, record.signer_name, record.signer_title) == (
        "Acme GmbH",
        "Grace Hopper",
        "CTO",
    )
    confirmation = next(m for m in mail.outbox if m.to == ["grace@acme.example"])
    assert "2018-05" in confirmation.body
    assert version.sha256 in confirmation.body
    assert "/dp-exhibit/v/2018-05/" in confirmation.body
    assert version.rendered_text[:200] in confirmation.body
    assert ACCEPT in confirmation.body
    assert "2018-05" in Submission.objects.get().acceptance_version
    html = response.content.decode()
    assert "Your acceptance record" in html
    assert version.sha256 in html
    assert f'<a href="{version.get_absolute_url()}">2018-05</a>' in html
    assert "grace@acme.example" in html


def test_landing_page_escapes_the_signers_input(client, dp_page, version):
    response = post(client, dp_page, company="<script>alert(1)</script>")
    assert response.status_code == 303
    response = client.get(response["Location"])
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_unchecked_box_is_refused(client, dp_page, version):
    response = post(client, dp_page, i_accept_lumens_data_protection_terms="")
    assert response.status_code == 400
    assert not DPAcceptance.objects.exists()


def test_no_version_in_effect_is_a_form_error(client, dp_page):
    response = post(client, dp_page)
    assert response.status_code == 400
    assert b"not available" in response.content
    assert not DPAcceptance.objects.exists()


def test_records_are_append_only_and_version_protected(client, dp_page, version):
    post(client, dp_page)
    record = DPAcceptance.objects.get()
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    with pytest.raises(PermissionDenied):
        DPAcceptance.objects.all().delete()
    with pytest.raises((ProtectedError, PermissionDenied)):
        version.document.delete()


def test_retention_purge_keeps_acceptances(client, dp_page, version):
    post(client, dp_page)
    assert purge_expired(pages=[dp_page], dry_run=True) == 0
    OutboundEmail.objects.update(status=OutboundEmail.Status.SENT)
    Submission.objects.update(
        submit_time=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    assert purge_expired(pages=[dp_page], dry_run=True) == 1
    assert purge_expired(pages=[dp_page]) == 1
    assert not Submission.objects.exists()
    assert DPAcceptance.objects.count() == 1


def test_acceptance_record_shows_only_through_its_reference(client, dp_page, version):
    response = post(client, dp_page)
    assert response.status_code == 303
    html = client.get(response["Location"]).content.decode()
    assert "Your acceptance record" in html
    assert "grace@acme.example" in html
    assert version.sha256 in html
    other = client.get(dp_page.url, {"thanks": "forged"}).content.decode()
    assert "Your acceptance record" not in other
    assert "grace@acme.example" not in other
