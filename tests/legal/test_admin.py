import datetime

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

import pytest

from legal.models import LegalDocumentVersion
from tests.legal.factories import UserFactory, clause, simple_body

SNIPPET = "wagtailsnippets_legal_legaldocumentversion"


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_migration_creates_group_permission_and_workflow(db):
    group = Group.objects.get(name="Legal editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"publish_legaldocumentversion", "access_admin"} <= codenames
    workflow = Workflow.objects.get(name="Legal approval")
    task = GroupApprovalTask.objects.get(name="Legal approval")
    assert list(workflow.tasks.all()) == [task.task_ptr]
    assert list(task.groups.all()) == [group]


def test_snippet_listing_and_inspect_for_superuser(client, superuser, version1):
    client.force_login(superuser)
    listing = client.get(reverse(f"{SNIPPET}:list"))
    assert listing.status_code == 200
    assert "2018-05" in listing.text
    inspect = client.get(reverse(f"{SNIPPET}:inspect", args=[version1.pk]))
    assert inspect.status_code == 200
    assert version1.sha256 in inspect.text


@pytest.mark.parametrize("view", ["edit", "delete"])
def test_nobody_edits_or_deletes_versions_in_admin(client, superuser, version1, view):
    client.force_login(superuser)
    url = reverse(f"{SNIPPET}:{view}", args=[version1.pk])
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"label": "hacked", "change_summary": "x"})
    assert response.status_code in (302, 403)
    stored = LegalDocumentVersion.objects.get(pk=version1.pk)
    assert (stored.label, stored.change_summary) == ("2018-05", version1.change_summary)


def test_nobody_adds_versions_through_the_snippet_form(client, superuser, document):
    client.force_login(superuser)
    assert client.get(reverse(f"{SNIPPET}:add")).status_code in (302, 403)
    client.post(reverse(f"{SNIPPET}:add"), {"document": document.pk, "label": "x"})
    assert not LegalDocumentVersion.objects.exists()


def test_plain_editor_cannot_publish_a_legal_version(client, plain_editor, document):
    client.force_login(plain_editor)
    url = reverse("legal_publish_version", args=[document.pk])
    data = {
        "label": "2019-01",
        "effective_date": "2019-01-01",
        "change_summary": "x",
        "confirm": "on",
    }
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, data).status_code in (302, 403)
    assert not LegalDocumentVersion.objects.exists()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[document.pk]))
    assert "Publish legal version" not in edit.text


def test_legal_editor_publishes_from_the_admin(client, legal_editor, document):
    client.force_login(legal_editor)
    url = reverse("legal_publish_version", args=[document.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "can never be changed or deleted" in form.text
    response = client.post(
        url,
        {
            "label": "2019-01",
            "effective_date": "2019-01-01",
            "change_summary": "First.",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    version = LegalDocumentVersion.objects.get()
    assert (version.label, version.published_by) == ("2019-01", legal_editor)


def test_publish_form_errors_are_shown_not_raised(client, legal_editor, version1):
    client.force_login(legal_editor)
    url = reverse("legal_publish_version", args=[version1.document_id])
    response = client.post(
        url,
        {
            "label": "bad label!",
            "effective_date": "not a date",
            "change_summary": "",
        },
    )
    assert response.status_code == 400
    assert LegalDocumentVersion.objects.count() == 1
    duplicate = client.post(
        url,
        {
            "label": "again",
            "effective_date": "2019-01-01",
            "change_summary": "same text",
            "confirm": "on",
        },
    )
    assert duplicate.status_code == 400
    assert "identical to version 2018-05" in duplicate.text


def test_publish_button_on_legal_pages_for_legal_editors(client, superuser, document):
    client.force_login(superuser)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[document.pk]))
    assert reverse("legal_publish_version", args=[document.pk]) in edit.text


def test_page_with_versions_cannot_be_deleted_in_admin(client, superuser, version1):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:delete", args=[version1.document_id])
    response = client.post(url)
    assert response.status_code == 302
    assert LegalDocumentVersion.objects.filter(pk=version1.pk).exists()
    parent = version1.document.get_parent()
    assert parent.get_children().filter(pk=version1.document_id).exists()


def test_page_edit_form_saves_a_draft_only(client, superuser, document, version1):
    """Ordinary page saves never create or change legal versions."""
    client.force_login(superuser)
    page = document.get_latest_revision_as_object()
    page.body = [*simple_body(), clause("z", "Z.", "Draft clause.")]
    page.save_revision(user=superuser)
    assert LegalDocumentVersion.objects.count() == 1
    assert "Draft clause." not in LegalDocumentVersion.objects.get().rendered_text
    assert version1.effective_date == datetime.date(2018, 5, 25)


def _edit_data(page, **extra):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_plain_editor_cannot_publish_the_legal_page_directly(
    client, plain_editor, document
):
    client.force_login(plain_editor)
    url = reverse("wagtailadmin_pages:edit", args=[document.pk])
    edit = client.get(url)
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.text
    assert "Legal approval" in edit.text  # submit to the workflow instead
    response = client.post(url, _edit_data(document, title="Hijacked", **{
        "action-publish": "action-publish"}))  # fmt: skip
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"  # Wagtail's denial
    document.refresh_from_db()
    assert document.title != "Hijacked"
    assert not document.revisions.filter(content__title="Hijacked").exists()


def test_legal_editor_may_publish_the_legal_page(client, legal_editor, document):
    """ensure_legal_approval (run for every new legal page) grants the page rights."""
    client.force_login(legal_editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[document.pk]))
    assert edit.status_code == 200
    assert 'name="action-publish"' in edit.text


def test_new_legal_pages_get_the_legal_workflow(client, superuser, home_page):
    """However created (here by code, not the admin), see legal.signals."""
    from legal.models import LegalDocumentPage
    from legal.services import ensure_legal_approval

    page = home_page.add_child(
        instance=LegalDocumentPage(title="Terms", slug="terms", body=[])
    )
    assert page.get_workflow().name == "Legal approval"
    assert GroupPagePermission.objects.filter(
        group__name="Legal editors", page=page, permission__codename="publish_page"
    ).exists()
    ensure_legal_approval(page=page)  # idempotent
    assert page.get_workflow().name == "Legal approval"
    assert WorkflowPage.objects.filter(page=page).count() == 1


def test_versions_listing_is_for_legal_editors(
    client, legal_editor, plain_editor, version1
):
    url = reverse(f"{SNIPPET}:inspect", args=[version1.pk])
    client.force_login(legal_editor)
    assert client.get(url).status_code == 200
    assert client.get(reverse(f"{SNIPPET}:list")).status_code == 200
    client.force_login(plain_editor)
    assert client.get(url).status_code in (302, 403)


def test_legal_approval_workflow_end_to_end(legal_editor, plain_editor, document):
    from legal.services import publish_version

    draft = document.get_latest_revision_as_object()
    draft.body = [*simple_body(), clause("new", "New.", "Approved wording.")]
    draft.save_revision(user=plain_editor)
    workflow = document.get_workflow()
    assert workflow.name == "Legal approval"
    state = workflow.start(document, plain_editor)
    task = state.current_task_state.task.specific
    assert task.get_actions(document, plain_editor) == []
    actions = [name for name, *_ in task.get_actions(document, legal_editor)]
    assert "approve" in actions
    task.on_action(state.current_task_state, legal_editor, "approve")
    document.refresh_from_db()
    assert document.live
    assert "Approved wording." in str(document.body.raw_data)
    version = publish_version(
        document=document,
        label="2019-01",
        effective_date=datetime.date(2019, 1, 1),
        change_summary="Adds clause 4.",
        user=legal_editor,
    )
    assert "4. New. Approved wording." in version.rendered_text


def test_publish_legal_version_sits_with_the_publish_actions(
    client, legal_editor, plain_editor, document
):
    client.force_login(legal_editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[document.pk])).text
    footer = edit[edit.index('<footer class="footer') :]
    url = reverse("legal_publish_version", args=[document.pk])
    assert f'href="{url}"' in footer  # in the publish drop-up, not only the header
    assert "Publish legal version…" in footer
    assert footer.index('name="action-publish"') < footer.index(f'href="{url}"')
    client.force_login(plain_editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[document.pk])).text
    assert "Publish legal version" not in edit


def test_other_pages_have_no_legal_version_action(admin_client, home_page):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert "Publish legal version" not in edit.text
