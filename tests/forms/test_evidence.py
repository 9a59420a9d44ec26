"""Submissions and DP acceptances are evidence: no deletion or write rewrites them."""

from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page

import pytest

from forms.models import DPAcceptance, Submission
from forms.permissions import grant_form_administrators
from legal.models import ImmutableVersionError, LegalDocumentVersion
from lumen_cms.models import StandardPage
from tests.legal.factories import UserFactory

from .conftest import make_form_page
from .test_acceptance import dp_page, exhibit, post, version  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def user_in(group: str, **extra):
    return UserFactory(is_staff=True, groups=[group], **extra)


@pytest.fixture
def section(home_page):
    """A plain page holding a form page, as /gdpr/ holds the DP pages."""
    page = StandardPage(title="Section", slug="section")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def contact_with_submission(section):
    page = make_form_page(section)
    grant_form_administrators(page=page)
    Submission.objects.create(page=page, form_data={"name": "Ada"})
    return page


@pytest.fixture
def acceptance(client, dp_page, version):  # noqa: F811 - fixtures
    post(client, dp_page)
    return DPAcceptance.objects.get()


def delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def bulk_delete(client, *pages):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    return client.post(url + "?" + "&".join(f"id={p.pk}" for p in pages))


# Submissions: only with the submissions permission ----------------------------


def test_editor_cannot_delete_a_form_page_with_submissions(
    client, contact_with_submission
):
    """Editors may delete leaf pages, but this one holds what visitors sent."""
    client.force_login(user_in("Editors"))
    page = contact_with_submission
    assert client.get(delete_url(page)).status_code in (302, 403)
    assert client.post(delete_url(page)).status_code in (302, 403)
    assert Page.objects.filter(pk=page.pk).exists()
    assert Submission.objects.filter(page=page).count() == 1
    explorer = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    assert delete_url(page) not in explorer.text


def test_bulk_delete_is_refused_too(client, contact_with_submission):
    client.force_login(user_in("Editors"))
    bulk_delete(client, contact_with_submission)
    assert Page.objects.filter(pk=contact_with_submission.pk).exists()


def test_deleting_a_parent_cannot_take_the_submissions_with_it(
    client, section, contact_with_submission
):
    """Even with the right to delete whole sections (bulk_delete)."""
    editor = user_in("Editors")
    group = Group.objects.create(name="Section managers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page", "bulk_delete_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=section,
            permission=Permission.objects.get(codename=codename),
        )
    editor.groups.add(group)
    client.force_login(editor)
    response = client.post(delete_url(section))
    assert response.status_code == 302
    assert Page.objects.filter(pk=section.pk).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("form page with submissions" in m for m in messages)
    bulk_delete(client, section)
    assert Page.objects.filter(pk=section.pk).exists()
    assert Submission.objects.count() == 1


def test_form_administrators_may_delete_it_with_its_submissions(
    client, contact_with_submission
):
    admin = user_in("Form administrators")
    GroupPagePermission.objects.create(
        group=admin.groups.get(),
        page=contact_with_submission,
        permission=Permission.objects.get(codename="publish_page"),
    )  # deleting a live page takes publish rights too (Wagtail's rule)
    client.force_login(admin)
    assert client.post(delete_url(contact_with_submission)).status_code == 302
    assert not Page.objects.filter(pk=contact_with_submission.pk).exists()
    assert not Submission.objects.exists()


def test_moving_keeps_submissions_and_stays_allowed(contact_with_submission, home_page):
    editor = user_in("Editors")
    tester = contact_with_submission.permissions_for_user(editor)
    assert tester.can_move()
    assert not tester.can_delete()


# Acceptances: never deleted, never unlinked -----------------------------------


def test_nobody_deletes_a_dp_page_with_acceptances(admin_client, acceptance):
    page = acceptance.page
    response = admin_client.post(delete_url(page))
    assert response.status_code in (302, 403)
    assert Page.objects.filter(pk=page.pk).exists()
    parent = page.get_parent()
    response = admin_client.post(delete_url(parent))
    assert response.status_code == 302
    assert Page.objects.filter(pk=parent.pk).exists()
    bulk_delete(admin_client, parent)
    assert Page.objects.filter(pk=parent.pk).exists()
    assert DPAcceptance.objects.get().page_id == page.pk


def test_acceptances_protect_their_page_and_version(acceptance):
    """Before: the page's deletion SET NULL on the record (a write past the guards)."""
    with pytest.raises(ProtectedError), transaction.atomic():
        Page.objects.get(pk=acceptance.page_id).delete()
    with pytest.raises((ProtectedError, ImmutableVersionError)), transaction.atomic():
        LegalDocumentVersion.objects.get(pk=acceptance.version_id).delete()
    assert DPAcceptance.objects.get().page_id == acceptance.page_id


def forge(instance):
    """Save a new instance carrying an existing row's id; the SQL it ran."""
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(IntegrityError),
        transaction.atomic(),
    ):
        instance.save()
    return [q["sql"].lstrip().upper() for q in queries.captured_queries]


def test_save_of_a_new_instance_never_updates_an_existing_row(acceptance):
    """`_state.adding` with an existing pk used to UPDATE that row."""
    forged = DPAcceptance(
        pk=acceptance.pk,
        page=acceptance.page,
        version=acceptance.version,
        version_label="forged",
        version_sha256="0" * 64,
        email="mallory@example.com",
        accepted_at=acceptance.accepted_at,
    )
    statements = forge(forged)
    assert not [sql for sql in statements if sql.startswith("UPDATE")]
    assert any(sql.startswith("INSERT") for sql in statements)
    assert DPAcceptance.objects.get(pk=acceptance.pk).version_label == "2018-05"


def test_same_for_legal_versions(version):  # noqa: F811 - fixture
    forged = LegalDocumentVersion(
        pk=version.pk,
        document=version.document,
        label="forged",
        effective_date=version.effective_date,
        body={},
        rendered_text="forged",
        sha256="0" * 64,
        published_at=version.published_at,
    )
    statements = forge(forged)
    assert not [sql for sql in statements if sql.startswith("UPDATE")]
    assert LegalDocumentVersion.objects.get(pk=version.pk).label == "2018-05"


def test_database_refuses_updates_below_the_orm(acceptance):
    table = DPAcceptance._meta.db_table
    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE {table} SET company = %s WHERE id = %s",  # noqa: S608
            ["forged", acceptance.pk],
        )
    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET page_id = NULL")  # noqa: S608
    assert DPAcceptance.objects.get().company == "Acme GmbH"


def test_database_delete_guard(acceptance):
    """PostgreSQL refuses raw DELETEs; SQLite keeps them (Django flushes test
    databases with DELETE), so there the guards are the ORM, PROTECT and UPDATE."""
    table = DPAcceptance._meta.db_table
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        assert DPAcceptance.objects.exists()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'trigger' AND tbl_name = %s",
                [table],
            )
            names = [row[0] for row in cursor.fetchall()]
        assert names == ["forms_dpacceptance_no_update"]
