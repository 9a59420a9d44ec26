"""The editorial roles (lumen_cms/migrations/0002_roles.py) through the admin views."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from forms.models import FormPage, Submission
from forms.permissions import grant_form_administrators
from legal.services import ensure_legal_approval
from lumen_cms.models import StandardPage
from tests.forms.conftest import make_form_page
from tests.legal.factories import LegalDocumentPageFactory, UserFactory
from tests.lumen_cms.factories import StandardPageFactory

DENIED = (302, 403)


@pytest.fixture
def about(home_page):
    page = StandardPageFactory(parent=home_page, slug="about")
    page.save_revision().publish()
    return page


@pytest.fixture
def contact(home_page):
    page = make_form_page(home_page)
    grant_form_administrators(page=page)  # what the seed and the create hook do
    return page


@pytest.fixture
def submission(contact):
    return Submission.objects.create(
        page=contact, form_data={"name": "Ada", "email": "ada@x.example"}
    )


@pytest.fixture
def legal_page(home_page):
    page = LegalDocumentPageFactory(parent=home_page, slug="dp-exhibit")
    page.save_revision().publish()
    ensure_legal_approval(page=page)
    return page


def user_in(group: str):
    return UserFactory(is_staff=True, groups=[group])


def edit_data(page, **extra) -> dict:
    return nested_form_data(
        {"title": page.title, "slug": page.slug, "intro": page.intro,
         "body": streamfield([]), **extra}
    )  # fmt: skip


def test_roles_exist_once(db):
    names = ["Editors", "Legal editors", "Form administrators"]
    for name in names:
        assert Group.objects.filter(name=name).count() == 1
    editors = Group.objects.get(name="Editors")
    assert editors.page_permissions.filter(permission__codename="publish_page")
    assert not editors.permissions.filter(codename="view_submission").exists()


# Editors ---------------------------------------------------------------------


def test_editor_adds_and_publishes_a_page_under_home(client, home_page):
    client.force_login(user_in("Editors"))
    data = nested_form_data(
        {"title": "Careers", "slug": "careers", "intro": "Join us.",
         "body": streamfield([]), "action-publish": "publish"}
    )  # fmt: skip
    url = f"/admin/pages/add/lumen_cms/standardpage/{home_page.pk}/"
    assert client.post(url, data).status_code == 302
    assert StandardPage.objects.get(slug="careers").live


def test_editor_edits_and_publishes_an_existing_page(client, about):
    client.force_login(user_in("Editors"))
    url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    response = client.post(url, edit_data(about, title="About us", **{
        "action-publish": "publish"}))  # fmt: skip
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.title == "About us" and about.live


def test_editor_manages_images_and_documents(client, home_page):
    client.force_login(user_in("Editors"))
    assert client.get("/admin/images/add/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200
    upload = SimpleUploadedFile("price-list.pdf", b"%PDF-1.4\n%%EOF")
    response = client.post(
        "/admin/documents/add/", {"title": "Price list", "file": upload}
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Price list").exists()


def test_editor_cannot_publish_legal_versions_or_legal_pages(client, legal_page):
    client.force_login(user_in("Editors"))
    publish_url = reverse("legal_publish_version", args=[legal_page.pk])
    assert client.get(publish_url).status_code in DENIED
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[legal_page.pk]))
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.text


def test_editor_cannot_reach_form_submissions(client, contact, submission):
    client.force_login(user_in("Editors"))
    # The editor may edit the form page itself...
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[contact.pk]))
    assert edit.status_code == 200
    # ...but not see, export or delete what visitors sent.
    listing = client.get(f"/admin/forms/submissions/{contact.pk}/")
    assert listing.status_code in DENIED
    export = client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert export.status_code in DENIED
    delete = client.post(
        f"/admin/forms/submissions/{contact.pk}/delete/"
        f"?selected-submissions={submission.pk}"
    )
    assert delete.status_code in DENIED
    assert Submission.objects.filter(pk=submission.pk).exists()
    assert 'href="/admin/forms/"' not in client.get("/admin/").text
    assert client.get("/admin/lumen-forms/data-subject/").status_code in DENIED


def test_editor_cannot_edit_navigation_settings(client, site):
    client.force_login(user_in("Editors"))
    url = f"/admin/settings/lumen_cms/navigationsettings/{site.pk}/"
    assert client.get(url).status_code in DENIED
    response = client.post(url, {"search_label": "Hijacked"})
    assert response.status_code in DENIED


# Legal editors ---------------------------------------------------------------


def test_legal_editor_publishes_legal_pages_and_versions(client, legal_page):
    client.force_login(user_in("Legal editors"))
    publish_url = reverse("legal_publish_version", args=[legal_page.pk])
    assert client.get(publish_url).status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[legal_page.pk]))
    assert 'name="action-publish"' in edit.text


def test_legal_editor_sees_acceptances_but_not_other_pages_or_submissions(
    client, legal_page, about, contact, submission
):
    client.force_login(user_in("Legal editors"))
    assert client.get("/admin/dp_acceptances/").status_code == 200
    assert client.get("/admin/lumen-forms/acceptances.csv").status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    assert edit.status_code in DENIED
    listing = client.get(f"/admin/forms/submissions/{contact.pk}/")
    assert listing.status_code in DENIED


# Form administrators -----------------------------------------------------------


def test_form_administrator_lists_exports_and_deletes_submissions(
    client, contact, submission
):
    client.force_login(user_in("Form administrators"))
    assert contact.title in client.get("/admin/forms/").text
    listing = client.get(f"/admin/forms/submissions/{contact.pk}/")
    assert listing.status_code == 200
    assert "ada@x.example" in listing.text
    export = client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert export.status_code == 200
    assert b"ada@x.example" in b"".join(export.streaming_content)
    delete = client.post(
        f"/admin/forms/submissions/{contact.pk}/delete/"
        f"?selected-submissions={submission.pk}"
    )
    assert delete.status_code == 302
    assert not Submission.objects.filter(pk=submission.pk).exists()
    assert client.get("/admin/lumen-forms/data-subject/").status_code == 200
    assert client.get("/admin/lumen-forms/outbox/").status_code == 200


def test_form_administrator_cannot_publish_pages(client, home_page, contact, about):
    client.force_login(user_in("Form administrators"))
    url = reverse("wagtailadmin_pages:edit", args=[contact.pk])
    edit = client.get(url)
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.text
    client.post(url, {"title": "Hijacked", "slug": contact.slug,
                      "action-publish": "publish"})  # fmt: skip
    contact.refresh_from_db()
    assert contact.title == "Contact Us"
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])).status_code
        in DENIED
    )
    add = f"/admin/pages/add/lumen_cms/standardpage/{home_page.pk}/"
    assert client.get(add).status_code in DENIED


def test_form_administrator_cannot_publish_legal_versions(client, legal_page):
    client.force_login(user_in("Form administrators"))
    publish_url = reverse("legal_publish_version", args=[legal_page.pk])
    assert client.get(publish_url).status_code in DENIED


def test_new_form_pages_reach_form_administrators(
    client, admin_client, home_page, contact
):
    """A form page copied (or created) in the admin is granted by the hook."""
    response = admin_client.post(
        f"/admin/pages/{contact.pk}/copy/",
        {"new_title": "Partners", "new_slug": "partners",
         "new_parent_page": home_page.pk},
    )  # fmt: skip
    assert response.status_code == 302
    copy = FormPage.objects.get(slug="partners")
    client.force_login(user_in("Form administrators"))
    assert client.get(f"/admin/forms/submissions/{copy.pk}/").status_code == 200
