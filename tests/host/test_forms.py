"""Form pages in the host: submit (HTML and JSON), exports, acceptance records, and
the host's own form pages still working for its editors."""

from __future__ import annotations

import datetime
import io
import json
import re

from django.core import mail
from django.urls import reverse

import hostpages.models as host
import openpyxl
import pytest
from hosthelpers import assert_host_chrome, publish, staff

from forms.models import DPAcceptance, DPTermsField, DPTermsPage, FormField, FormPage
from forms.models import Submission as LumenSubmission
from forms.permissions import grant_form_administrators
from legal.models import LegalDocumentPage
from legal.services import publish_version

pytestmark = pytest.mark.django_db
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def hidden_fields(client, page) -> dict[str, str]:
    """What the rendered form carries: its signed token, the terms version shown."""
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_host_chrome(html, "forms/forms.css")
    fields = dict(HIDDEN.findall(html))
    assert fields.get("form_token")
    fields.pop("csrfmiddlewaretoken", None)
    return fields


@pytest.fixture
def contact(home):
    page = FormPage(
        title="Contact us",
        slug="contact-us",
        to_address="team@host.example",
        thank_you_text="<p>Thanks, we will answer soon.</p>",
    )
    page.form_fields = [
        FormField(label="Name", field_type="singleline", required=True),
        FormField(label="Email", field_type="email", required=True),
        FormField(label="Phone", field_type="singleline", required=False),
    ]
    publish(home, page)
    grant_form_administrators(page=page)  # what the page-create hook does
    return page


@pytest.fixture
def host_form(home):
    page = host.FormPage(title="Host feedback", slug="feedback", to_address="")
    page.form_fields = [host.FormField(label="Comment", field_type="singleline")]
    return publish(home, page)


def submit(client, page, **data):
    return client.post(page.url, {**hidden_fields(client, page), **data})


def thanks(client, response) -> str:
    """Post/Redirect/Get: a stored submission answers 303 to its thank-you view."""
    assert response.status_code == 303, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_submit_stores_mails_and_thanks_in_the_host_chrome(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            client, contact, name="Ada", email="ada@example.com", phone="+1 555 0100"
        )
    html = thanks(client, response)
    assert "we will answer soon" in html
    assert_host_chrome(html, "forms/forms.css")
    submission = LumenSubmission.objects.get(page=contact)
    assert submission.email == "ada@example.com"
    assert [m.to for m in mail.outbox] == [["team@host.example"]]
    invalid = submit(client, contact, name="", email="not-an-email")
    assert invalid.status_code == 400
    assert "lumen-form__error" in invalid.content.decode()
    assert LumenSubmission.objects.count() == 1


def test_json_api_schema_and_submit(client, contact):
    schema = client.get("/api/forms/contact-us/").json()
    assert [f["name"] for f in schema["fields"]] == ["name", "email", "phone"]
    payload = {"name": "Grace", "email": "grace@example.com"}
    payload[schema["token_field"]] = schema["token"]
    created = client.post(
        "/api/forms/contact-us/", json.dumps(payload), "application/json"
    )
    assert created.status_code == 201, created.content
    bad = client.post(
        "/api/forms/contact-us/",
        json.dumps({**payload, "email": "nope"}),
        "application/json",
    )
    assert bad.status_code == 400 and "email" in bad.json()["errors"]


def test_form_administrators_export_csv_and_xlsx_neutralised(client, contact):
    thanks(
        client, submit(client, contact, name="=HYPERLINK(1)", email="ada@example.com")
    )
    client.force_login(staff(groups=("Form administrators",)))
    url = reverse("wagtailforms:list_submissions", args=[contact.pk])
    listing = client.get(url)
    assert listing.status_code == 200

    csv = client.get(url, {"export": "csv"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode()
    assert "ada@example.com" in text and "'=HYPERLINK(1)" in text

    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    content = b"".join(xlsx.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    assert "ada@example.com" in cells
    # A string cell, quote-prefixed as typing ' does: never evaluated.
    formula = cells["=HYPERLINK(1)"]
    assert (formula.data_type, formula.quotePrefix) == ("s", True)


def test_host_editors_keep_their_own_form_submissions(client, contact, host_form):
    client.post(host_form.url, {"comment": "Nice bakery"})
    assert host.FormPage.objects.get().get_submission_class().objects.count() == 1
    submit(client, contact, name="Ada", email="ada@example.com")

    # Wagtail's own Editors (add/change on the whole tree, no app permission).
    editor = staff(groups=("Editors",))
    client.force_login(editor)
    own = client.get(reverse("wagtailforms:list_submissions", args=[host_form.pk]))
    assert own.status_code == 200 and "Nice bakery" in own.content.decode()
    csv = client.get(
        reverse("wagtailforms:list_submissions", args=[host_form.pk]),
        {"export": "csv"},
    )
    assert csv.status_code == 200
    index = client.get(reverse("wagtailforms:index"))
    assert "Host feedback" in index.content.decode()
    # The app's form pages hold personal data: they need forms.view_submission.
    assert "Contact us" not in index.content.decode()
    app = client.get(reverse("wagtailforms:list_submissions", args=[contact.pk]))
    assert app.status_code in (302, 403)


def test_dp_terms_acceptance_is_bound_to_the_version_in_effect(home, client):
    terms = publish(
        home,
        LegalDocumentPage(
            title="Data protection terms",
            body=[
                {
                    "type": "clause",
                    "id": "scope",
                    "value": {
                        "title": "Scope.",
                        "content": [
                            {"type": "paragraph", "id": "p1", "value": "Applies."}
                        ],
                    },
                }
            ],
        ),
    )
    version = publish_version(
        document=terms,
        label="2024-01",
        effective_date=datetime.date(2024, 1, 1),
        change_summary="",
        user=None,
        check_permission=False,
    )
    page = DPTermsPage(
        title="Accept the terms",
        slug="accept",
        terms_page=terms,
        to_address="privacy@host.example",
        thank_you_text="<p>Recorded.</p>",
    )
    page.form_fields = [
        DPTermsField(label="Company", field_type="singleline"),
        DPTermsField(label="Signer name", field_type="singleline"),
        DPTermsField(label="Title", field_type="singleline"),
        DPTermsField(label="Email", field_type="email"),
        DPTermsField(label="I accept the terms", field_type="checkbox"),
    ]
    publish(home, page)
    response = submit(
        client,
        page,
        company="Acme",
        signer_name="Grace",
        title="CTO",
        email="grace@acme.example",
        i_accept_the_terms="on",
    )
    assert "Recorded." in thanks(client, response)
    record = DPAcceptance.objects.get()
    assert (record.version, record.version_sha256) == (version, version.sha256)
    assert record.checkbox_wording == ["I accept the terms"]
