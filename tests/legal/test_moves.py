"""Only legal editors move or unpublish legal pages; permalinks survive any move."""

import datetime

from django.urls import reverse

import pytest

from legal.models import LegalDocumentPage
from lumen_cms.models import StandardPage
from tests.legal.factories import UserFactory, clause, publish, simple_body

pytestmark = pytest.mark.django_db
DENIED = (302, 403)


@pytest.fixture
def gdpr(home_page):
    page = StandardPage(title="GDPR", slug="gdpr")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def archive(home_page):
    page = StandardPage(title="Archive", slug="archive")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def exhibit(gdpr):
    page = LegalDocumentPage(title="DP Exhibit", slug="dp-exhibit", body=simple_body())
    gdpr.add_child(instance=page)
    page.save_revision().publish()
    publish(page, "2018-05", datetime.date(2018, 5, 25))
    page.body = [*simple_body(), clause("new", "New.", "Added.")]
    page.save_revision().publish()
    publish(page, "2019-01", datetime.date(2019, 1, 1))
    return LegalDocumentPage.objects.get(pk=page.pk)


def user_in(group: str):
    return UserFactory(is_staff=True, groups=[group])


OLD_URLS = [
    "/gdpr/dp-exhibit/v/2018-05/",
    "/gdpr/dp-exhibit/v/2019-01/",
    "/gdpr/dp-exhibit/versions/",
    "/gdpr/dp-exhibit/diff/2018-05/2019-01/",
    "/gdpr/dp-exhibit/",
]


def assert_old_urls_redirect_to(client, prefix: str) -> None:
    for old in OLD_URLS:
        response = client.get(old)
        assert response.status_code in (301, 302), old
        new = prefix + old.removeprefix("/gdpr/dp-exhibit/")
        assert response["Location"].endswith(new), (old, response["Location"])
        assert client.get(new).status_code == 200, new


def test_editors_cannot_move_or_unpublish_legal_pages(client, exhibit, archive):
    editor = user_in("Editors")
    tester = exhibit.permissions_for_user(editor)
    assert not tester.can_move()
    assert not tester.can_move_to(archive)
    assert not tester.can_unpublish()
    client.force_login(editor)
    move = reverse("wagtailadmin_pages:move_confirm", args=[exhibit.pk, archive.pk])
    assert client.post(move).status_code in DENIED
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[exhibit.pk])
    assert client.post(unpublish).status_code in DENIED
    exhibit.refresh_from_db()
    assert exhibit.live and exhibit.url_path.endswith("/gdpr/dp-exhibit/")


def test_unpublishing_the_section_leaves_the_legal_page_live(client, gdpr, exhibit):
    client.force_login(user_in("Editors"))
    url = reverse("wagtailadmin_pages:unpublish", args=[gdpr.pk])
    client.post(url, {"include_descendants": "on"})
    gdpr.refresh_from_db()
    exhibit.refresh_from_db()
    assert not gdpr.live
    assert exhibit.live


def test_legal_editors_may(exhibit, archive):
    tester = exhibit.permissions_for_user(user_in("Legal editors"))
    assert tester.can_move() and tester.can_unpublish() and tester.can_publish()


def test_permalinks_redirect_after_the_page_moves(
    admin_client, client, exhibit, archive
):
    url = reverse("wagtailadmin_pages:move_confirm", args=[exhibit.pk, archive.pk])
    assert admin_client.post(url).status_code == 302
    assert_old_urls_redirect_to(client, "/archive/dp-exhibit/")


@pytest.mark.parametrize("how", ["single", "bulk"])
def test_editors_cannot_move_the_section_holding_it(
    client, gdpr, exhibit, archive, how
):
    before = exhibit.url_path
    client.force_login(user_in("Editors"))
    if how == "single":
        url = reverse("wagtailadmin_pages:move_confirm", args=[gdpr.pk, archive.pk])
        client.post(url)
    else:
        bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move"))
        client.post(f"{bulk}?id={gdpr.pk}", {"chooser": archive.pk})
    exhibit.refresh_from_db()
    gdpr.refresh_from_db()
    assert exhibit.url_path == before
    assert gdpr.get_parent().pk != archive.pk
    # A plain section moves as before.
    other = StandardPage(title="Other", slug="other")
    gdpr.get_parent().add_child(instance=other)
    url = reverse("wagtailadmin_pages:move_confirm", args=[other.pk, archive.pk])
    client.post(url)
    other.refresh_from_db()
    assert other.get_parent().pk == archive.pk


def test_permalinks_redirect_after_an_ancestor_moves(
    admin_client, client, gdpr, exhibit, archive
):
    url = reverse("wagtailadmin_pages:move_confirm", args=[gdpr.pk, archive.pk])
    assert admin_client.post(url).status_code == 302
    assert_old_urls_redirect_to(client, "/archive/gdpr/dp-exhibit/")


def test_permalinks_redirect_after_a_new_slug(
    client, exhibit, django_capture_on_commit_callbacks
):
    exhibit.slug = "data-protection"
    with django_capture_on_commit_callbacks(execute=True):
        exhibit.save_revision().publish()
    assert_old_urls_redirect_to(client, "/gdpr/data-protection/")


def test_a_bulk_delete_stops_at_a_section_holding_published_versions(
    admin_client, gdpr, exhibit, archive
):
    """The bulk twin of the single delete guard names the page and deletes nothing."""
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    listing = reverse("wagtailadmin_explore", args=[gdpr.get_parent().pk])
    query = f"?id={archive.pk}&id={gdpr.pk}&next={listing}"
    response = admin_client.post(bulk + query, follow=True)
    assert response.redirect_chain == [(listing, 302)]
    assert "“GDPR” is, or contains, a legal document with published versions" in (
        response.content.decode()
    )
    assert LegalDocumentPage.objects.filter(pk=exhibit.pk).exists()
    assert StandardPage.objects.filter(pk__in=[gdpr.pk, archive.pk]).count() == 2
