from django.core import mail
from django.core.cache import cache

import pytest

from forms import spam
from forms.models import OutboundEmail, Submission

from .conftest import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_contact_submission_saved_and_mail_sent_after_commit(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, valid_data(contact_page))
    assert response.status_code == 303  # Post/Redirect/Get
    response = client.get(response["Location"])
    assert b"Thanks for contacting us!" in response.content
    submission = Submission.objects.get()
    assert submission.email == "ada@example.com"
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.SENT
    assert mail.outbox[0].to == ["sales@lumen.example"]
    assert mail.outbox[0].reply_to == ["ada@example.com"]


def test_mail_is_not_sent_inside_the_request_transaction(client, contact_page):
    client.post(contact_page.url, valid_data(contact_page))
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.QUEUED
    assert mail.outbox == []


def test_support_routes_to_team_and_shows_follow_up(
    client, support_page, django_capture_on_commit_callbacks
):
    data = valid_data(support_page, subscription="Private Cloud")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(support_page.url, data)
    assert response.status_code == 303
    response = client.get(response["Location"])
    assert Submission.objects.get().routed_team == "pc@lumen.example"
    assert mail.outbox[0].to == ["pc@lumen.example"]
    assert b'href="/kb/1/"' in response.content


def test_invalid_submission_shows_failure_text_and_field_errors(client, support_page):
    data = valid_data(support_page, email="not-an-email", subscription="Nope")
    response = client.post(support_page.url, data)
    assert response.status_code == 400
    assert (
        b"There was a problem submitting the form. Please try again."
        in response.content
    )
    assert b"Enter a valid email address." in response.content
    assert not Submission.objects.exists()


def test_script_tags_are_escaped_on_redisplay(client, contact_page):
    data = valid_data(contact_page, name="<script>alert(1)</script>", email="bad")
    response = client.post(contact_page.url, data)
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_honeypot_rejects_and_stores_nothing(client, contact_page):
    data = valid_data(contact_page, **{spam.HONEYPOT_FIELD: "http://spam"})
    response = client.post(contact_page.url, data)
    assert response.status_code == 400
    assert not Submission.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_too_fast_or_forged_token_rejected(client, contact_page):
    fresh = spam.issue_token(contact_page.pk)
    for token in (fresh, "forged", ""):
        data = valid_data(contact_page, **{spam.TOKEN_FIELD: token})
        assert client.post(contact_page.url, data).status_code == 400
    assert not Submission.objects.exists()


def test_token_for_other_page_rejected(client, contact_page, support_page):
    data = valid_data(
        contact_page, **{spam.TOKEN_FIELD: valid_data(support_page)[spam.TOKEN_FIELD]}
    )
    assert client.post(contact_page.url, data).status_code == 400


def test_rate_limit_per_ip(client, contact_page, settings):
    """Stored submissions count (invalid posts do not: see test_abuse)."""
    settings.FORMS_RATE_LIMIT = (2, 600)
    codes = [
        client.post(contact_page.url, valid_data(contact_page)).status_code
        for _ in range(3)
    ]
    assert codes == [303, 303, 429]
    other = client.post(
        contact_page.url, valid_data(contact_page), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 303


def test_field_limits(client, contact_page):
    data = valid_data(contact_page, name="n" * 256, message="m" * 5001)
    response = client.post(contact_page.url, data)
    assert response.status_code == 400
    assert b"Ensure this value has at most 255 characters" in response.content
    assert b"at most 5000 characters" in response.content


def test_pathological_email_is_a_form_error(client, contact_page):
    evil = "a@" + "a." * 50000 + "com"
    response = client.post(contact_page.url, valid_data(contact_page, email=evil))
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_oversized_body_is_400(client, contact_page):
    data = valid_data(contact_page, message="m" * 2_600_000)
    assert client.post(contact_page.url, data).status_code == 400


def test_too_many_fields_is_400(client, contact_page):
    data = valid_data(contact_page)
    data.update({f"f{i}": "x" for i in range(1001)})
    assert client.post(contact_page.url, data).status_code == 400


def test_get_renders_token_and_honeypot(client, contact_page):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    assert spam.TOKEN_FIELD.encode() in response.content
    assert spam.HONEYPOT_FIELD.encode() in response.content
