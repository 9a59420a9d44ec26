"""Cheap hostile requests: the form API behind view restrictions, replayed tokens,
mail relaying, rate-limit lockouts and inputs that used to answer 500."""

import json

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from forms import spam
from forms.models import OutboundEmail, SpentFormToken, Submission

from .conftest import make_form_page, valid_data

pytestmark = pytest.mark.django_db


def api(client, page, payload, **extra):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(
        f"/api/forms/{page.slug}/", body, content_type="application/json", **extra
    )


# The headless API honours view restrictions ----------------------------------


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "s3cret"},
        {"restriction_type": PageViewRestriction.GROUPS},
    ],
)
def test_restricted_form_is_not_served_by_the_api(client, contact_page, restriction):
    PageViewRestriction.objects.create(page=contact_page, **restriction)
    url = f"/api/forms/{contact_page.slug}/"
    assert client.get(url).status_code == 404
    assert api(client, contact_page, valid_data(contact_page)).status_code == 404
    assert not Submission.objects.exists()
    # Like the HTML page, which asks for a login or the password first.
    assert client.get(contact_page.url).status_code in (200, 302)
    assert b'name="name"' not in client.get(contact_page.url).content


def test_a_restricted_ancestor_restricts_the_form_too(client, home_page):
    from lumen_cms.models import StandardPage

    private = StandardPage(title="Partners", slug="partners")
    home_page.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    form = make_form_page(private, slug="partner-request")
    assert client.get(f"/api/forms/{form.slug}/").status_code == 404
    assert api(client, form, valid_data(form)).status_code == 404


def test_public_form_still_served(client, contact_page):
    assert client.get(f"/api/forms/{contact_page.slug}/").status_code == 200
    assert api(client, contact_page, valid_data(contact_page)).status_code == 201


# Single-use tokens -------------------------------------------------------------


def test_a_token_sends_one_submission_html(client, contact_page):
    data = valid_data(contact_page)
    assert client.post(contact_page.url, data).status_code == 303
    replay = client.post(contact_page.url, data)
    assert replay.status_code == 400
    assert spam.SPENT.encode() in replay.content
    assert Submission.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


def test_a_token_sends_one_submission_api(client, contact_page):
    payload = valid_data(contact_page)
    assert api(client, contact_page, payload).status_code == 201
    replay = api(client, contact_page, payload)
    assert replay.status_code == 400
    assert replay.json()["errors"]["__all__"] == [spam.SPENT]
    # ...and across the two front doors.
    assert client.post(contact_page.url, payload).status_code == 400
    assert Submission.objects.count() == 1


def test_a_token_survives_a_form_error(client, contact_page):
    """Only a stored submission spends it: fixing a typo must not need a reload."""
    data = valid_data(contact_page, email="nope")
    assert client.post(contact_page.url, data).status_code == 400
    data["email"] = "ada@example.com"
    assert client.post(contact_page.url, data).status_code == 303


def test_tokens_issued_in_the_same_second_differ(contact_page):
    now = 1_700_000_000
    first = spam.issue_token(contact_page.pk, now=now)
    second = spam.issue_token(contact_page.pk, now=now)
    assert first != second
    assert len(first) <= spam.MAX_TOKEN_LENGTH


def test_expired_spent_tokens_are_forgotten(client, contact_page, capsys):
    client.post(contact_page.url, valid_data(contact_page))
    SpentFormToken.objects.update(spent_at=timezone.now() - timezone.timedelta(days=9))
    client.post(contact_page.url, valid_data(contact_page))
    call_command("purge_submissions")
    assert "Forgot 1 spent form tokens" in capsys.readouterr().out
    assert SpentFormToken.objects.count() == 1


# No mail relay -------------------------------------------------------------------


@pytest.mark.parametrize("breaker", ["\r\n", "\n", "\r", "\u2028", "\x85"])
def test_single_line_fields_refuse_line_breaks(client, contact_page, breaker):
    name = f"Ada{breaker}Bcc: victim@example.com"
    response = client.post(contact_page.url, valid_data(contact_page, name=name))
    assert response.status_code == 400
    assert b"Enter a single line" in response.content
    response = api(client, contact_page, valid_data(contact_page, name=name))
    assert response.json()["errors"]["name"] == [
        "Enter a single line (no line breaks)."
    ]
    assert not Submission.objects.exists()


def test_multi_line_fields_keep_their_lines(client, contact_page):
    data = valid_data(contact_page, message="Line one\r\nLine two")
    assert client.post(contact_page.url, data).status_code == 303


def test_confirmation_copy_repeats_only_the_visitors_name(
    client, home_page, django_capture_on_commit_callbacks
):
    page = make_form_page(home_page, confirm_to_submitter=True)
    spam_text = "Cheap pills at evil.example"
    data = valid_data(page, name="Ada Lovelace", message=spam_text, phone="+1 555")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page.url, data).status_code == 303
    copy = next(m for m in mail.outbox if m.to == ["ada@example.com"])
    assert "Ada Lovelace" in copy.body
    assert spam_text not in copy.body and spam_text not in copy.subject
    assert "+1 555" not in copy.body
    team = next(m for m in mail.outbox if m.to == ["sales@lumen.example"])
    assert spam_text in team.body  # the team still gets the whole message


# Rate limit: per client, stored submissions only ----------------------------


def test_invalid_posts_lock_nobody_out(client, contact_page, settings):
    settings.FORMS_RATE_LIMIT = (2, 600)
    for _ in range(20):
        bad = valid_data(contact_page, email="x")
        assert client.post(contact_page.url, bad).status_code == 400
        assert api(client, contact_page, {"form_token": "junk"}).status_code == 400
    assert client.post(contact_page.url, valid_data(contact_page)).status_code == 303


def test_stored_submissions_are_limited_per_client(client, contact_page, settings):
    settings.FORMS_RATE_LIMIT = (2, 600)
    codes = [
        client.post(contact_page.url, valid_data(contact_page)).status_code
        for _ in range(3)
    ]
    assert codes == [303, 303, 429]
    assert api(client, contact_page, valid_data(contact_page)).status_code == 429
    other = client.post(
        contact_page.url, valid_data(contact_page), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 303
    assert Submission.objects.count() == 3


def test_behind_a_proxy_the_client_ip_is_resolved_like_the_login_lockout(
    client, contact_page, settings
):
    """The same AXES_IP_HEADERS / AXES_PROXY_COUNT settings: one bucket per client,
    not one for everybody behind the proxy."""
    settings.FORMS_RATE_LIMIT = (1, 600)
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.7", **proxy}
    second = {"HTTP_X_FORWARDED_FOR": "203.0.113.5", **proxy}
    assert (
        client.post(contact_page.url, valid_data(contact_page), **first).status_code
        == 303
    )
    assert (
        client.post(contact_page.url, valid_data(contact_page), **first).status_code
        == 429
    )
    assert (
        client.post(contact_page.url, valid_data(contact_page), **second).status_code
        == 303
    )
    from django.test import RequestFactory

    from axes.helpers import get_client_ip_address

    request = RequestFactory().post("/", **second)
    assert spam.client_ip(request) == get_client_ip_address(request) == "203.0.113.5"


# Inputs that answered 500 -----------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,
        '{"a":' * 100_000,
        json.dumps({"form_token": 123}),
        json.dumps({"form_token": ["a", "b"]}),
        json.dumps({"form_token": {"p": 1}}),
        json.dumps({"form_token": None}),
        '{"name": "\\ud800", "form_token": "x"}',
        '{"\\udfff": "x"}',
        '{"name": ["ok", "\\ud800"]}',
        json.dumps({"name": {"nested": "\u0000"}}),
        json.dumps([1, 2]),
        "nul\u0000",
        "\xff\xfe",
    ],
)
def test_hostile_json_is_a_400(client, contact_page, body):
    response = api(client, contact_page, body)
    assert response.status_code == 400, response.content
    assert "errors" in response.json()
    assert not Submission.objects.exists()


def test_lone_surrogates_with_a_valid_token_are_refused_before_the_database(
    client, contact_page
):
    payload = valid_data(contact_page)
    body = json.dumps(payload)[:-1] + ', "message": "\\ud800 hi"}'
    response = api(client, contact_page, body)
    assert response.status_code == 400
    assert "surrogate" in response.json()["errors"]["__all__"][0]
    payload["message"] = "NUL \u0000 inside"
    response = api(client, contact_page, payload)
    assert response.status_code == 400
    assert "message" in response.json()["errors"]
