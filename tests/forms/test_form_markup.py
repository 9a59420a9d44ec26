"""Public forms as a visitor meets them: labelled fields, an error summary linked to
each field, help and error text tied to the inputs, a busy submit, readable thanks."""

import re

import pytest

from forms.api import plain_text
from tests.forms.conftest import valid_data

pytestmark = pytest.mark.django_db


def test_every_field_is_labelled_and_the_textarea_fits_a_phone(client, support_page):
    html = client.get(support_page.url).text
    for field_id in ("id_name", "id_email", "id_phone", "id_message"):
        assert f'<label for="{field_id}" class="lumen-form__label">' in html
    assert "<legend" in html and "Subscription" in html  # radio group as fieldset
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert "cols=" not in textarea and 'maxlength="5000"' in textarea
    assert 'data-busy-text="Sending…"' in html
    assert "forms/forms.js" in html
    assert "error-summary" not in html


def test_errors_are_summarised_and_linked_to_their_fields(client, support_page):
    data = valid_data(support_page, email="not-an-email", message="")
    response = client.post(support_page.url, data)
    assert response.status_code == 400
    html = response.text
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in summary
    assert '<a href="#id_message">Message: This field is required.</a>' in summary
    assert '<a href="#id_subscription_0">' in summary  # the first radio
    email = re.search(r'<input[^>]*id="id_email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email_error"' in email
    assert '<p class="lumen-form__error" id="id_email_error">' in html


def test_thank_you_message_keeps_its_paragraphs_apart():
    text = plain_text("<p><b>Thanks for contacting us!</b></p><p>A Lumen rep.</p>")
    assert text == "Thanks for contacting us!\nA Lumen rep."
    assert plain_text("one<br>two") == "one\ntwo"
    assert plain_text("") == ""
