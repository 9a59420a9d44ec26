"""What each content change sends, once (lumen_cms.webhooks.changes and batching)."""

import datetime
import json
import shutil
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

import pytest

from catalog.services import import_pricing
from lumen_cms.models import (
    NavigationSettings,
    NotFoundSettings,
    WebhookDelivery,
    WebhookEndpoint,
)
from lumen_cms.webhooks import batching, outbox
from tests.legal.factories import LegalDocumentPageFactory
from tests.legal.factories import publish as publish_version
from tests.lumen_cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
SHEETS = Path(__file__).resolve().parents[2] / "catalog" / "data" / "pricing"


@pytest.fixture
def about(seeded_site):
    return StandardPageFactory(parent=seeded_site, slug="about", title="About")


@pytest.fixture
def team(about):
    return StandardPageFactory(parent=about, slug="team", title="Team")


def sent(receiver):
    return receiver.bodies()


def test_publish_sends_the_page_its_listing_and_linking_pages(
    receiver, endpoint, about, team, committed
):
    about.title = "About Lumen"
    committed(lambda: about.save_revision().publish())
    [body] = sent(receiver)
    assert body["changes"] == ["publish"]
    assert "/about/" in body["paths"]
    assert "/" in body["paths"]  # the parent's listing
    assert f"page:{about.pk}" in body["tags"]
    assert "sitemap:1" in body["tags"]
    assert body["sites"][0]["all_paths"] is False


def test_a_page_in_the_menus_changes_every_page_of_its_site(
    receiver, endpoint, seeded_site, committed
):
    mysql = seeded_site.get_descendants().get(slug="mysql").specific
    committed(lambda: mysql.save_revision().publish())
    [body] = sent(receiver)
    assert body["sites"][0]["all_paths"] is True
    assert {"chrome:1", "site:1"} <= set(body["tags"])
    assert "/managed-services/mysql/" in body["paths"]


def test_a_draft_save_sends_nothing(receiver, endpoint, about, committed):
    about.title = "Draft"
    committed(lambda: about.save_revision())
    assert sent(receiver) == []


def test_unpublish_sends_the_page_and_its_descendants(
    receiver, endpoint, about, team, committed
):
    editor = get_user_model().objects.create_superuser("ed", "ed@x.example", "pw")
    action = UnpublishPageAction(about, user=editor, include_descendants=True)
    committed(action.execute)
    [body] = sent(receiver)
    assert body["changes"] == ["unpublish"]
    assert {"/about/", "/about/team/"} <= set(body["paths"])


def test_move_sends_old_and_new_addresses_of_the_whole_subtree(
    receiver, endpoint, seeded_site, about, team, committed
):
    target = seeded_site.get_children().get(slug="managed-services")
    committed(lambda: about.move(target, pos="last-child"))
    [body] = sent(receiver)
    assert "move" in body["changes"]
    assert {
        "/about/",
        "/about/team/",
        "/managed-services/about/",
        "/managed-services/about/team/",
        "/managed-services/",
    } <= set(body["paths"])
    assert "redirects:1" in body["tags"]


def test_a_renamed_slug_is_one_post_with_old_and_new_paths(
    receiver, endpoint, about, team, committed
):
    about.slug = "about-us"
    committed(lambda: about.save_revision().publish())
    [body] = sent(receiver)
    assert body["changes"] == ["move", "publish"]
    assert {"/about/", "/about/team/", "/about-us/", "/about-us/team/"} <= set(
        body["paths"]
    )


def test_delete_sends_every_deleted_page(receiver, endpoint, about, team, committed):
    committed(lambda: Page.objects.get(pk=about.pk).delete())
    [body] = sent(receiver)
    assert {"delete", "unpublish"} == set(body["changes"])
    assert {"/about/", "/about/team/"} <= set(body["paths"])
    assert {f"page:{about.pk}", f"page:{team.pk}"} <= set(body["tags"])


def test_navigation_and_settings_saves(receiver, endpoint, seeded_site, committed):
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    navigation.copyright_notice = "© 2026"
    committed(navigation.save)
    texts = NotFoundSettings.for_site(site)
    texts.heading = "Lost?"
    committed(texts.save)
    nav_body, texts_body = sent(receiver)
    assert nav_body["changes"] == ["navigation"]
    assert nav_body["sites"][0]["all_paths"] is True
    assert {"chrome:1", "site:1"} <= set(nav_body["tags"])
    assert texts_body["changes"] == ["settings"]
    assert texts_body["tags"] == ["not_found:1"]
    assert texts_body["sites"][0]["all_paths"] is False


def test_redirects_send_the_old_path(receiver, endpoint, about, committed):
    committed(lambda: Redirect.objects.create(old_path="/old", redirect_page=about))
    [body] = sent(receiver)
    assert body["changes"] == ["redirect"]
    assert set(body["paths"]) == {"/old", "/old/"}
    assert body["tags"] == ["redirects:1"]


def test_a_legal_version_sends_the_document_and_its_permalink(
    receiver, endpoint, home_page, committed
):
    document = LegalDocumentPageFactory(parent=home_page, slug="dp-exhibit")
    document.save_revision().publish()
    document.refresh_from_db()
    receiver.requests.clear()
    committed(lambda: publish_version(document, "2018-05", datetime.date(2018, 5, 25)))
    [body] = sent(receiver)
    assert body["changes"] == ["legal_version"]
    assert {
        "/dp-exhibit/",
        "/dp-exhibit/versions/",
        "/dp-exhibit/v/2018-05/",
    } <= set(body["paths"])
    assert {f"legal:{document.pk}", f"page:{document.pk}"} <= set(body["tags"])


def test_a_price_import_is_one_post(receiver, endpoint, site, tmp_path, committed):
    folder = tmp_path / "pricing"
    shutil.copytree(SHEETS / "json", folder / "json")
    (folder / "prices").mkdir()
    listing = json.loads((SHEETS / "prices" / "data-center-prices.json").read_text())
    keep = [dc for dc in listing if dc["alias"] in ("VA1", "AU1")]
    (folder / "prices" / "data-center-prices.json").write_text(json.dumps(keep))
    for name in ("va1.json", "au1.json"):
        shutil.copy(SHEETS / "prices" / name, folder / "prices" / name)
    report = committed(lambda: import_pricing(folder=folder))
    assert report.data_centers == 2
    [body] = sent(receiver)
    assert body["changes"] == ["prices"]
    assert "prices" in body["tags"]


def test_a_rolled_back_change_sends_nothing(receiver, endpoint, about, committed):
    def change_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            about.title = "Never"
            about.save_revision().publish()
            raise RuntimeError

    committed(change_then_fail)
    assert sent(receiver) == []
    about.refresh_from_db()
    committed(lambda: about.save_revision().publish())
    [body] = sent(receiver)
    assert body["changes"] == ["publish"]


def test_an_explicit_batch_is_one_post(receiver, endpoint, about, team, committed):
    def two_publishes():
        with batching.batch():
            about.save_revision().publish()
            team.save_revision().publish()

    committed(two_publishes)
    [body] = sent(receiver)
    assert {"/about/", "/about/team/"} <= set(body["paths"])


def test_an_endpoint_for_another_site_hears_nothing(
    receiver, endpoint, about, committed
):
    other_home = StandardPageFactory(
        parent=Page.get_first_root_node(), slug="other", title="Other"
    )
    endpoint.site = Site.objects.create(hostname="other.example", root_page=other_home)
    endpoint.save()
    committed(lambda: about.save_revision().publish())
    assert sent(receiver) == []
    committed(lambda: other_home.save_revision().publish())
    [body] = sent(receiver)
    assert [site["hostname"] for site in body["sites"]] == ["other.example"]


def test_without_endpoints_nothing_is_computed_or_stored(
    about, committed, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(
        "lumen_cms.webhooks.changes.content_change",
        lambda *a, **k: pytest.fail("computed without an endpoint"),
    )
    committed(lambda: about.save_revision().publish())
    assert not WebhookDelivery.objects.exists()
    WebhookEndpoint.objects.create(name="x", url="http://127.0.0.1:9/", secret="x")
    assert outbox.active_endpoints()  # the cached "none" was dropped


@pytest.mark.django_db(transaction=True)
def test_an_editors_request_is_one_post_and_never_waits_for_the_front_end(
    seeded_site, receiver, settings
):
    """Unpublishing a page with its subpages in the admin: one delivery, queued."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    from lumen_cms.webhooks.signing import generate_secret

    WebhookEndpoint.objects.create(
        name="Front end", url=receiver.url, secret=generate_secret()
    )
    about = StandardPageFactory(parent=seeded_site, slug="about", title="About")
    StandardPageFactory(parent=about, slug="team", title="Team")
    StandardPageFactory(parent=about, slug="jobs", title="Jobs")
    receiver.delay = 5  # a slow front end: the editor must not wait for it
    editor = get_user_model().objects.create_superuser("ed", "ed@x.example", "pw")
    client = Client()
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{about.pk}/unpublish/", {"include_descendants": "on"}
    )
    assert response.status_code == 302
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.status == WebhookDelivery.Status.QUEUED
    assert receiver.requests == []  # queued for the worker, not sent in the request
    body = json.loads(delivery.body)
    assert {"/about/", "/about/team/", "/about/jobs/"} <= set(body["paths"])
    receiver.delay = 0
    assert outbox.deliver(delivery.pk) == "sent"
    assert len(receiver.requests) == 1
