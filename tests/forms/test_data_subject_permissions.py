"""The data-subject tool reaches only the forms whose submissions the user may see."""

import json
import re

import pytest

from forms.models import Submission
from forms.permissions import grant_form_administrators
from tests.legal.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/lumen-forms/data-subject/"
EMAIL = "ada@example.com"


@pytest.fixture
def form_admin(contact_page, support_page):
    """Form administrators hold the contact form only (support is someone else's)."""
    grant_form_administrators(page=contact_page)
    return UserFactory(is_staff=True, groups=["Form administrators"])


@pytest.fixture
def submissions(contact_page, support_page):
    return {
        page.slug: Submission.objects.create(
            page=page, email=EMAIL, form_data={"email": EMAIL, "message": page.slug}
        )
        for page in (contact_page, support_page)
    }


def test_find_and_export_stay_within_the_users_forms(client, form_admin, submissions):
    client.force_login(form_admin)
    found = client.get(URL, {"email": EMAIL})
    assert "1 submission(s)" in found.text
    assert "What type of support" not in found.text
    exported = client.post(URL, {"email": EMAIL, "action": "json"})
    rows = json.loads(exported.content)["submissions"]
    assert [row["id"] for row in rows] == [submissions["contact-us"].pk]
    csv_export = client.post(URL, {"email": EMAIL, "action": "csv"}).content.decode()
    assert "support" not in csv_export


@pytest.mark.parametrize("action", ["erase", "anonymise"])
def test_erase_and_anonymise_stay_within_the_users_forms(
    client, form_admin, submissions, action
):
    client.force_login(form_admin)
    preview = client.post(URL, {"email": EMAIL, "action": action})
    assert "1 submission for" in preview.text or "1 submissions for" in preview.text
    assert "What type of support" not in preview.text
    token = re.search(r'name="previewed" value="([^"]+)"', preview.text).group(1)
    confirmed = client.post(
        URL, {"email": EMAIL, "action": action, "confirm": "yes", "previewed": token}
    )
    assert confirmed.status_code == 302
    other = Submission.objects.get(pk=submissions["support"].pk)
    assert other.email == EMAIL and other.form_data["message"] == "support"
    mine = Submission.objects.filter(pk=submissions["contact-us"].pk).first()
    assert mine is None or mine.email == ""


def test_superusers_reach_every_form(admin_client, submissions):
    exported = admin_client.post(URL, {"email": EMAIL, "action": "json"})
    assert len(json.loads(exported.content)["submissions"]) == 2
