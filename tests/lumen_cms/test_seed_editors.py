"""A re-run of the seed fills gaps and never overwrites what editors changed."""

import json
import re
from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.models import Page, Revision, Workflow, WorkflowPage

import pytest

from catalog.models import ServicePage
from legal.models import LegalDocumentPage, LegalDocumentVersion
from lumen_cms.models import NavigationSettings, SeedRecord
from lumen_cms.seed import site as site_seed
from tests.admin_forms import admin_form_data

NEW_NUMBER = "1.800.555.0199"
NEW_ENTRY_TITLE = "Products & Services"
NEW_SUMMARY = "Our DBAs run your MySQL databases around the clock."
NEW_CLAUSE = "Lumen processes Customer Personal Data only on documented instructions."


def seed(*args: str) -> str:
    out = StringIO()
    call_command("load_lumen_site", *args, stdout=out)
    return out.getvalue()


def state() -> dict:
    """Everything a re-run must leave alone: revisions, live revisions, versions."""
    return {
        "revisions": Revision.objects.count(),
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "latest_revision_id", "live_revision_id", "live"
            )
        ),
        "versions": list(
            LegalDocumentVersion.objects.order_by("pk").values_list(
                "pk", "label", "sha256", "published_at"
            )
        ),
    }


def edit_navigation(client, site, **changes: str) -> None:
    url = f"/admin/settings/lumen_cms/navigationsettings/{site.pk}/"
    nav = NavigationSettings.for_site(site)
    data = admin_form_data(client, url, nav) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def edit_page(client, page: Page, action: str = "action-publish", **changes) -> None:
    url = f"/admin/pages/{page.pk}/edit/"
    data = admin_form_data(client, url, page.specific, form_id="page-edit-form")
    response = client.post(url, data | changes | {action: action})
    assert response.status_code == 302, response.content.decode()[-3000:]


def edit_dp_exhibit(client) -> LegalDocumentPage:
    """A legal editor publishes a reworded first clause (the page, not a version)."""
    page = LegalDocumentPage.objects.get(slug="dp-exhibit")
    url = f"/admin/pages/{page.pk}/edit/"
    data = admin_form_data(client, url, page, form_id="page-edit-form")
    key = next(k for k in data if re.fullmatch(r"body-0-value-content-0-value", k))
    data[key] = NEW_CLAUSE
    response = client.post(url, data | {"action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    page.refresh_from_db()
    return page


@pytest.fixture
def edited(admin_client, lumen_site):
    """The issue's editor: phone number, menu title, MySQL summary, DP Exhibit."""
    edit_navigation(
        admin_client,
        lumen_site,
        **{
            "contact_numbers-0-value-number": NEW_NUMBER,
            "mega_menu-0-value-title": NEW_ENTRY_TITLE,
        },
    )
    edit_page(admin_client, ServicePage.objects.get(slug="mysql"), summary=NEW_SUMMARY)
    edit_dp_exhibit(admin_client)
    return lumen_site


def test_editors_changes_survive_a_reseed_and_are_reported(edited, client):
    before = state()
    output = seed()
    assert state() == before  # no revision, no publish, no legal version
    assert "0 created, 0 updated, kept 4 editor changes" in output
    assert re.search(r"kept\s+MySQL \(.*mysql/\): summary", output)
    assert re.search(
        r"kept\s+Navigation settings \(Lumen Cloud\): mega menu, contact numbers",
        output,
    )
    assert re.search(r"kept\s+.*dp-exhibit/\): body \(legal document", output)
    assert "load_lumen_site --reset` restores the seed" in output

    nav = NavigationSettings.for_site(edited)
    assert nav.contact_numbers[0].value["number"] == NEW_NUMBER
    assert nav.mega_menu[0].value["title"] == NEW_ENTRY_TITLE
    assert ServicePage.objects.get(slug="mysql").summary == NEW_SUMMARY
    exhibit = LegalDocumentPage.objects.get(slug="dp-exhibit")
    assert NEW_CLAUSE in str(exhibit.body.raw_data)
    assert exhibit.versions.count() == 1
    assert exhibit.versions.get().rendered_text.count(NEW_CLAUSE) == 0

    html = client.get("/").content.decode()
    api = client.get("/api/v2/navigation/").json()
    for shown in (html, str(api)):
        assert NEW_NUMBER in shown
        assert (
            NEW_ENTRY_TITLE.replace("&", "&amp;") in shown or NEW_ENTRY_TITLE in shown
        )
        assert NEW_SUMMARY in shown  # the menu item follows the page (no own text)

    # Every further run says the same (timing aside).
    assert re.sub(r"in [\d.]+ s", "", seed()) == re.sub(r"in [\d.]+ s", "", output)


def test_a_second_run_after_edits_writes_nothing(edited):
    seed()
    records = list(SeedRecord.objects.values_list("key", "digests", "updated_at"))
    seed()
    assert list(SeedRecord.objects.values_list("key", "digests", "updated_at")) == (
        records
    )


def test_admin_save_without_changes_is_not_an_editor_change(admin_client, lumen_site):
    edit_navigation(admin_client, lumen_site)
    edit_page(admin_client, ServicePage.objects.get(slug="apache"))
    assert "kept 0 editor changes" in seed()


def test_dry_run_reports_and_changes_nothing(edited):
    before = state()
    output = seed("--dry-run", "--reset", "--yes")
    assert "would be loaded" in output
    assert state() == before
    assert ServicePage.objects.get(slug="mysql").summary == NEW_SUMMARY


def test_reset_asks_first_and_refuses_without_a_terminal(edited, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="add --yes"):
        seed("--reset")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert "Nothing changed." in seed("--reset")
    assert ServicePage.objects.get(slug="mysql").summary == NEW_SUMMARY


def test_reset_restores_the_seed_but_never_legal_texts(edited, monkeypatch):
    prompts = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(
        "builtins.input", lambda prompt: prompts.append(prompt) or "yes"
    )
    versions = list(LegalDocumentVersion.objects.values_list("pk", "sha256"))
    exhibit_revision = LegalDocumentPage.objects.get().live_revision_id
    output = seed("--reset")
    assert len(prompts) == 1
    assert "--reset replaces what editors changed:" in output
    nav = NavigationSettings.for_site(edited)
    assert nav.contact_numbers[0].value["number"] != NEW_NUMBER
    assert nav.mega_menu[0].value["title"] == "Products"
    mysql = ServicePage.objects.get(slug="mysql")
    assert mysql.summary == "Management and maintenance for your MySQL workloads."
    assert list(LegalDocumentVersion.objects.values_list("pk", "sha256")) == versions
    exhibit = LegalDocumentPage.objects.get()
    assert exhibit.live_revision_id == exhibit_revision
    assert NEW_CLAUSE in str(exhibit.body.raw_data)
    # After a reset the seed owns its values again: a plain run is quiet.
    assert "0 created, 0 updated, kept 1 editor change" in seed()  # the legal text


def test_a_page_an_editor_deleted_is_not_recreated_until_reset(lumen_site):
    ServicePage.objects.get(slug="apache").delete()
    output = seed()
    assert not ServicePage.objects.filter(slug="apache").exists()
    assert re.search(r"left\s+Apache \(/managed-services/apache/\): deleted", output)
    seed("--reset", "--yes")
    assert ServicePage.objects.get(slug="apache").live


def test_an_unpublished_seeded_page_stays_unpublished(lumen_site):
    page = ServicePage.objects.get(slug="apache")
    page.unpublish()
    assert re.search(r"kept\s+Apache .*: unpublished", seed())
    assert not ServicePage.objects.get(slug="apache").live


NEW_APACHE_SUMMARY = "Apache, managed end to end."


@pytest.fixture
def new_release(monkeypatch):
    """A later release of the seed data rewords the Apache summary (its menu
    item repeats it, as in the shipped data)."""
    read_data = site_seed.read_data
    data = read_data("site")
    old = next(
        s["summary"]
        for category in data["categories"]
        for s in category["services"]
        if s["slug"] == "apache"
    )
    changed = json.loads(
        json.dumps(data).replace(json.dumps(old), json.dumps(NEW_APACHE_SUMMARY))
    )
    monkeypatch.setattr(
        site_seed,
        "read_data",
        lambda name: changed if name == "site" else read_data(name),
    )


def test_seed_updates_its_own_untouched_value_without_workflow(lumen_site, new_release):
    WorkflowPage.objects.all().delete()
    before = Revision.objects.count()
    output = seed("-v", "2")
    assert re.search(r"0 created, 1 updated", output)
    apache = ServicePage.objects.get(slug="apache")
    assert apache.summary == NEW_APACHE_SUMMARY
    assert Revision.objects.count() == before + 1


def test_under_a_workflow_the_seed_leaves_a_draft_instead_of_publishing(
    lumen_site, new_release
):
    assert Workflow.objects.filter(active=True).exists()  # Wagtail's default, on root
    live_before = ServicePage.objects.get(slug="apache").live_revision_id
    output = seed()
    assert re.search(r"draft\s+Apache .*awaits its workflow", output)
    apache = ServicePage.objects.get(slug="apache")
    assert apache.live_revision_id == live_before
    assert apache.summary != NEW_APACHE_SUMMARY
    assert apache.get_latest_revision_as_object().summary == (NEW_APACHE_SUMMARY)
    revisions = Revision.objects.count()
    assert re.search(r"left\s+Apache .*unpublished draft", seed())
    assert Revision.objects.count() == revisions


def test_seed_never_publishes_over_an_editors_draft_or_moderation(
    admin_client, lumen_site, new_release
):
    WorkflowPage.objects.all().delete()
    apache = ServicePage.objects.get(slug="apache")
    edit_page(admin_client, apache, action="action-save-draft", title="Apache HTTP")
    before = state()
    output = seed()
    assert re.search(r"left\s+Apache .*unpublished draft newer than", output)
    assert state() == before
    apache.refresh_from_db()
    assert apache.get_latest_revision_as_object().title == "Apache HTTP"


def test_an_existing_site_without_records_keeps_changed_values(edited):
    SeedRecord.objects.all().delete()  # a database seeded before the records existed
    before = state()
    output = seed()
    assert state() == before
    assert "kept 4 editor changes" in output
    assert ServicePage.objects.get(slug="mysql").summary == NEW_SUMMARY


def test_legal_workflow_chosen_by_an_administrator_is_kept(lumen_site):
    exhibit = LegalDocumentPage.objects.get()
    other = Workflow.objects.create(name="Board review", active=True)
    WorkflowPage.objects.filter(page=exhibit).update(workflow=other)
    seed()
    assert WorkflowPage.objects.get(page=exhibit).workflow == other


def test_a_page_in_moderation_is_left_to_its_workflow(
    admin_user, lumen_site, new_release
):
    apache = ServicePage.objects.get(slug="apache")
    apache.title = "Apache, reviewed"
    apache.save_revision(user=admin_user)
    apache.get_workflow().start(apache, admin_user)
    before = state()
    output = seed()
    assert re.search(r"left\s+Apache .*: in moderation", output)
    assert state() == before
    apache.refresh_from_db()
    assert apache.workflow_in_progress
    assert apache.get_latest_revision_as_object().title == "Apache, reviewed"
