"""Form pages carry a CSRF token: the page cache must never share one."""

import re

from django.test import Client

import pytest

from forms import spam
from forms.models import Submission

pytestmark = pytest.mark.django_db


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, name
    return match.group(1)


def test_two_visitors_get_their_own_working_csrf_tokens(contact_page, settings):
    settings.FORMS_MIN_SUBMIT_SECONDS = 0  # the visitors below type instantly
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [visitor.get(contact_page.url) for visitor in visitors]
    for page in pages:
        assert page.status_code == 200
        assert "X-Page-Cache" not in page
        assert "public" not in page["Cache-Control"]
        assert "private" in page["Cache-Control"]
        assert "csrftoken" in page.cookies
    cookies = [page.cookies["csrftoken"].value for page in pages]
    assert cookies[0] != cookies[1]
    for visitor, page in zip(visitors, pages, strict=True):
        html = page.content.decode()
        response = visitor.post(
            contact_page.url,
            {
                "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
                spam.TOKEN_FIELD: hidden(html, spam.TOKEN_FIELD),
                "name": "Ada",
                "email": "ada@example.com",
                "message": "Hello",
            },
        )
        assert response.status_code == 303
        response = visitor.get(response["Location"])
        assert b"Thanks for contacting us!" in response.content
    assert Submission.objects.count() == 2


def test_a_post_without_the_visitors_csrf_token_is_refused(contact_page):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(contact_page.url)
    response = visitor.post(contact_page.url, {"name": "Ada"})
    assert response.status_code == 403
    assert Submission.objects.count() == 0
