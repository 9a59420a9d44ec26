"""Data-subject Erase and Anonymise show what they affect and ask first; the DP
acceptances CSV is in the admin menu."""

import re

from django.contrib.auth.models import Group, Permission

import pytest

from forms.models import DataSubjectAction, OutboundEmail, Submission
from forms.services import record_submission
from tests.legal.factories import UserFactory

from .conftest import valid_data

URL = "/admin/lumen-forms/data-subject/"


def submit(page, **data) -> Submission:
    form = page.get_form(valid_data(page, **data), page=page, user=None)
    assert form.is_valid(), form.errors
    return record_submission(page=page, form=form)


def previewed(response) -> str:
    return re.search(r'name="previewed" value="([^"]+)"', response.text).group(1)


@pytest.fixture
def ada(contact_page, support_page):
    submit(contact_page)
    submit(support_page, subscription="Private Cloud")
    submit(contact_page, email="other@example.com")


@pytest.mark.parametrize("action", ["erase", "anonymise"])
def test_destructive_actions_preview_and_change_nothing(admin_client, ada, action):
    response = admin_client.post(URL, {"email": "ada@example.com", "action": action})
    assert response.status_code == 200
    html = response.text
    assert "2 submissions for ada@example.com will be" in html
    assert "2 stored mail copies" in html
    assert "Contact Us" in html
    assert "What type of support do you need?" in html
    assert "This cannot be undone." in html
    assert f"Yes, {action} 2 submissions" in html
    assert 'href="/admin/lumen-forms/data-subject/?email=ada%40example.com"' in html
    assert Submission.objects.for_email("ada@example.com").count() == 2
    assert all(s.email for s in Submission.objects.all())
    assert not DataSubjectAction.objects.filter(action=action).exists()


def test_confirmed_erase_removes_exactly_what_was_previewed(
    admin_client, ada, contact_page
):
    preview = admin_client.post(URL, {"email": "ada@example.com", "action": "erase"})
    late = submit(contact_page)  # arrives while the administrator reads
    response = admin_client.post(
        URL,
        {
            "email": "ada@example.com",
            "action": "erase",
            "confirm": "yes",
            "previewed": previewed(preview),
        },
    )
    assert response.status_code == 302
    assert list(Submission.objects.for_email("ada@example.com")) == [late]
    assert (
        not OutboundEmail.objects.exclude(submission=late)
        .filter(submission__email="ada@example.com")
        .exists()
    )
    assert DataSubjectAction.objects.get(action="erase").count == 2


def test_confirmed_anonymise_blanks_the_previewed_rows(admin_client, ada):
    preview = admin_client.post(
        URL, {"email": "ada@example.com", "action": "anonymise"}
    )
    admin_client.post(
        URL,
        {
            "email": "ada@example.com",
            "action": "anonymise",
            "confirm": "yes",
            "previewed": previewed(preview),
        },
    )
    assert Submission.objects.count() == 3
    assert Submission.objects.filter(email="").count() == 2


@pytest.mark.parametrize("token", ["", "forged", None])
def test_a_confirmation_without_its_preview_changes_nothing(admin_client, ada, token):
    if token is None:  # a real preview, but of another address
        token = previewed(
            admin_client.post(URL, {"email": "other@example.com", "action": "erase"})
        )
    response = admin_client.post(
        URL,
        {
            "email": "ada@example.com",
            "action": "erase",
            "confirm": "yes",
            "previewed": token,
        },
        follow=True,
    )
    assert "That confirmation has expired" in response.text
    assert Submission.objects.count() == 3


def test_acceptances_csv_is_linked_from_the_admin_menu(client, db):
    legal = UserFactory(is_staff=True)
    legal.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_dpacceptance"),
    )
    client.force_login(legal)
    home = client.get("/admin/").text
    assert "/admin/lumen-forms/acceptances.csv" in home
    assert "DP acceptances (CSV)" in home
    listing = client.get("/admin/dp_acceptances/").text
    assert 'href="/admin/lumen-forms/acceptances.csv"' in listing
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "acceptances.csv" not in client.get("/admin/").text
