"""Post/Redirect/Get: a successful HTML submission redirects to its thank-you page."""

from urllib.parse import parse_qs, urlsplit

from django.core import mail, signing

import pytest

from forms import thanks
from forms.models import OutboundEmail, Submission

from .conftest import valid_data


@pytest.fixture
def submitted(client, support_page, django_capture_on_commit_callbacks):
    """A Support post routed to Private Cloud, and the redirect it answered."""
    data = valid_data(support_page, subscription="Private Cloud")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(support_page.url, data)
    return response


def test_success_redirects_and_reloading_never_submits_again(
    client, submitted, support_page, django_capture_on_commit_callbacks
):
    assert submitted.status_code == 303
    location = submitted["Location"]
    assert urlsplit(location).path == support_page.url
    assert thanks.PARAM in parse_qs(urlsplit(location).query)
    for _ in range(3):  # the visitor presses F5
        with django_capture_on_commit_callbacks(execute=True):
            page = client.get(location)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Thanks for contacting us!" in html
        assert 'href="/kb/1/"' in html  # the route's follow-up link
        assert 'name="name"' not in html  # the landing page, not the form
    assert Submission.objects.count() == 1
    assert OutboundEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_thank_you_page_is_private_and_never_cached(client, submitted, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    first = client.get(submitted["Location"])
    again = client.get(submitted["Location"])
    for response in (first, again):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Robots-Tag"] == "noindex"
        assert response.get("X-Page-Cache") != "hit"


@pytest.mark.parametrize(
    "reference",
    [
        "",
        "garbage",
        signing.dumps({"p": 1, "s": 1}, salt="another-salt"),
    ],
)
def test_without_a_valid_reference_only_the_thank_you_text_shows(
    client, submitted, support_page, reference
):
    response = client.get(support_page.url, {thanks.PARAM: reference})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thanks for contacting us!" in html
    assert 'href="/kb/1/"' not in html


def test_a_reference_is_bound_to_its_page(
    client, submitted, support_page, contact_page
):
    reference = parse_qs(urlsplit(submitted["Location"]).query)[thanks.PARAM][0]
    response = client.get(contact_page.url, {thanks.PARAM: reference})
    assert 'href="/kb/1/"' not in response.content.decode()


def test_the_details_expire(client, submitted, settings):
    settings.FORMS_THANK_YOU_MAX_AGE = -1  # already older than the limit
    html = client.get(submitted["Location"]).content.decode()
    assert "Thanks for contacting us!" in html
    assert 'href="/kb/1/"' not in html


def test_failed_posts_still_show_the_form_with_errors(client, contact_page):
    response = client.post(contact_page.url, valid_data(contact_page, email="nope"))
    assert response.status_code == 400
    assert not Submission.objects.exists()
