"""Known Wagtail/Django advisory inputs replayed against this site.

Each test names the class of advisory it guards against; they must keep passing
across Wagtail upgrades and template changes.
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
)
from wagtail.search.utils import parse_query_string
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from forms.models import Submission
from lumen_cms.blocks.content import BodyBlock
from lumen_cms.models import NavigationSettings, StandardPage
from resources.blocks import ArticleTableBlock
from tests.forms.conftest import make_form_page
from tests.legal.factories import UserFactory
from tests.lumen_cms.factories import StandardPageFactory

XSS = "<img src=x onerror=alert(1)>"
XSS_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
REDOS_QUERIES = ["0" * 60_000, "foo:ba" + "r" * 60_000, '"' * 30_000 + "a"]
DENIED = (302, 403)


@contextlib.contextmanager
def finishes_within(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a regressed ReDoS runs for minutes, not seconds."""

    def _timeout(signum, frame):
        raise AssertionError(f"did not finish within {seconds} s (ReDoS?)")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_escaped(html: str) -> None:
    assert XSS not in html
    assert "onerror=alert(1)>" not in html


@pytest.fixture
def xss_page(home_page):
    page = StandardPageFactory(parent=home_page, title=XSS, slug="img-onerror")
    page.save_revision().publish()
    return page


# Search ReDoS (CVE-2024-39317 and friends) ---------------------------------------


@pytest.mark.parametrize("query", REDOS_QUERIES, ids=["zeros", "filter", "quotes"])
def test_search_parser_is_not_redos_prone(query):
    with finishes_within(20):
        filters, parsed = parse_query_string(query)
    assert parsed is not None


@pytest.mark.parametrize("query", REDOS_QUERIES, ids=["zeros", "filter", "quotes"])
def test_public_admin_and_api_search_answer_hostile_queries(
    client, admin_client, home_page, query
):
    with finishes_within(30):
        public = client.get("/search/", {"q": query})
        admin = admin_client.get("/admin/pages/search/", {"q": query})
        api = client.get("/api/v2/pages/", {"search": query})
    assert public.status_code == 200
    assert admin.status_code == 200
    assert api.status_code in (200, 400)


# Title XSS in listings, messages, the menu and 404 suggestions ---------------------


def test_title_is_escaped_on_the_page_and_in_admin_listings(
    client, admin_client, home_page, xss_page
):
    public = client.get(xss_page.url)
    assert public.status_code == 200
    assert_escaped(public.text)
    assert XSS_ESCAPED in public.text
    listing = admin_client.get(f"/admin/pages/{home_page.pk}/")
    assert listing.status_code == 200
    assert_escaped(listing.text)
    assert XSS_ESCAPED in listing.text
    search = admin_client.get("/admin/pages/search/", {"q": "onerror"})
    assert_escaped(search.text)


def test_title_is_escaped_in_admin_messages(admin_client, xss_page):
    url = reverse("wagtailadmin_pages:edit", args=[xss_page.pk])
    data = nested_form_data(
        {"title": XSS, "slug": xss_page.slug, "intro": "", "body": streamfield([]),
         "action-publish": "publish"}
    )  # fmt: skip
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "published" in response.text
    assert_escaped(response.text)
    delete = admin_client.post(
        reverse("wagtailadmin_pages:delete", args=[xss_page.pk]), follow=True
    )
    assert "deleted" in delete.text
    assert_escaped(delete.text)


def test_title_is_escaped_in_the_menu(client, site, xss_page):
    navigation = NavigationSettings.for_site(site)
    navigation.utility_links = [("link", {"title": "", "page": xss_page, "url": ""})]
    navigation.mega_menu = [
        (
            "entry",
            {"title": "Products", "page": None, "url": "", "intro": "",
             "columns": [{"title": "", "page": xss_page, "intro": "",
                          "items": [("item", {"title": "", "page": xss_page,
                                              "url": "", "description": ""})]}]},
        )
    ]  # fmt: skip
    navigation.save()
    html = client.get("/").text
    assert_escaped(html)
    assert html.count(XSS_ESCAPED) >= 2
    api = client.get("/api/v2/navigation/").json()
    assert XSS in json.dumps(api, ensure_ascii=False)  # JSON: data, not markup


def test_title_is_escaped_in_not_found_suggestions(client, xss_page):
    response = client.get("/img-onerro/")
    assert response.status_code == 404
    assert XSS_ESCAPED in response.text  # suggested, escaped
    assert_escaped(response.text)


# TableBlock class-name injection -------------------------------------------------


TABLE = {
    "data": [["<script>alert(2)</script>", "b"], ["c", "d"]],
    "cell": [{"row": 0, "col": 0, "className": '"><script>alert(1)</script>'}],
    "first_row_is_table_header": False,
    "first_col_is_header": False,
    "table_caption": "<b>caption</b>",
}


def test_table_block_escapes_cell_classes_and_content(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="tables")
    page.body = BodyBlock().to_python([{"type": "table", "value": TABLE}])
    page.save_revision().publish()
    html = client.get(page.url).text
    assert "<table>" in html
    assert "<script>alert(1)</script>" not in html
    assert "<script>alert(2)</script>" not in html
    assert 'class="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<b>caption</b>" not in html


def test_article_table_block_escapes_cells():
    html = ArticleTableBlock().render({**TABLE, "first_row_is_table_header": True})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


# javascript: links in rich text ------------------------------------------------


def _contentstate_link(url: str) -> str:
    return json.dumps(
        {
            "blocks": [
                {"key": "a1b2c", "type": "unstyled", "text": "click me",
                 "depth": 0, "inlineStyleRanges": [],
                 "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
                 "data": {}}
            ],
            "entityMap": {
                "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
            },
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "jav\tascript:alert(1)", " JaVaScRiPt:alert(1)"]
)
def test_javascript_links_are_stripped_from_rich_text(
    client, admin_client, home_page, url
):
    """The editor's link entity is checked on save (wagtail.whitelist.check_url)."""
    page = StandardPageFactory(parent=home_page, slug="links")
    data = nested_form_data(
        {"title": "Links", "slug": "links", "intro": "",
         "body": streamfield([("paragraph", _contentstate_link(url))]),
         "action-publish": "publish"}
    )  # fmt: skip
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=page.pk)
    stored = json.dumps(page.body.get_prep_value())
    assert "<a>click me</a>" in stored  # the link kept, its href dropped
    assert "script:" not in stored.lower().replace("\\t", "")
    html = client.get(page.url).text
    assert "click me" in html
    assert "script:alert" not in html.lower().replace("\t", "")
    api = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "body"}).text
    assert "script:alert" not in api.lower().replace("\\t", "")


def test_public_policy_would_block_javascript_urls_anyway(client, home_page):
    """Defence in depth: without 'unsafe-inline', browsers refuse javascript: URLs."""
    csp = client.get("/")["Content-Security-Policy"]
    script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src


# Permission bypasses: settings, revisions, history, submissions --------------------


def test_plain_editor_cannot_edit_navigation_settings(client, site):
    NavigationSettings.for_site(site)
    client.force_login(UserFactory(is_staff=True, groups=["Editors"]))
    url = f"/admin/settings/lumen_cms/navigationsettings/{site.pk}/"
    data = nested_form_data(
        {"mega_menu": streamfield([]), "utility_links": streamfield([]),
         "search_label": "Hijacked", "search_hint": "",
         "footer_columns": streamfield([]), "legal_links": streamfield([]),
         "contact_heading": "X", "contact_numbers": streamfield([]),
         "copyright_notice": "", "corporate_notice": ""}
    )  # fmt: skip
    assert client.get(url).status_code in DENIED
    assert client.post(url, data).status_code in DENIED
    assert NavigationSettings.for_site(site).search_label != "Hijacked"


def test_revisions_and_history_need_edit_rights_on_the_page(client, home_page):
    """A user who may edit one page cannot read another page's drafts or history."""
    own = StandardPageFactory(parent=home_page, slug="own")
    secret = StandardPageFactory(parent=home_page, slug="secret", intro="Q3 plans")
    secret.save_revision().publish()
    draft = secret.save_revision()
    group = Group.objects.create(name="Own page editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=own, permission_type="change")
    client.force_login(UserFactory(is_staff=True, groups=["Own page editors"]))
    assert client.get(f"/admin/pages/{own.pk}/history/").status_code == 200
    for url in (
        f"/admin/pages/{secret.pk}/revisions/{draft.pk}/view/",
        f"/admin/pages/{secret.pk}/revisions/compare/earliest...{draft.pk}/",
        f"/admin/pages/{secret.pk}/history/",
        f"/admin/pages/{secret.pk}/revisions/",
    ):
        response = client.get(url)
        assert response.status_code in (*DENIED, 404), url
        assert "Q3 plans" not in response.text
    revert = client.post(f"/admin/pages/{secret.pk}/revisions/{draft.pk}/revert/")
    assert revert.status_code in (*DENIED, 404)


def test_submissions_of_another_form_cannot_be_deleted(client, home_page):
    contact = make_form_page(home_page)
    support = make_form_page(home_page, slug="support", title="Support")
    victim = Submission.objects.create(page=support, form_data={"name": "Bo"})
    group = Group.objects.create(name="Contact handlers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_submission"),
    )
    GroupPagePermission.objects.create(
        group=group, page=contact, permission_type="change"
    )
    client.force_login(UserFactory(is_staff=True, groups=["Contact handlers"]))
    assert client.get(f"/admin/forms/submissions/{contact.pk}/").status_code == 200
    response = client.post(
        f"/admin/forms/submissions/{support.pk}/delete/"
        f"?selected-submissions={victim.pk}"
    )
    assert response.status_code in DENIED
    # Nor through the permitted form's delete view with the other form's id.
    client.post(
        f"/admin/forms/submissions/{contact.pk}/delete/"
        f"?selected-submissions={victim.pk}"
    )
    assert Submission.objects.filter(pk=victim.pk).exists()


# Private documents: no existence or ETag oracle ------------------------------------


@pytest.fixture
def private_document(db):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.LOGIN,
    )
    document = get_document_model()(title="Merger plan", collection=private)
    document.file.save("merger-plan.txt", ContentFile(b"confidential"), save=False)
    document._set_document_file_metadata()
    document.save()
    assert document.file_hash
    return document


def test_private_document_serve_leaks_no_etag_to_anonymous_users(
    client, admin_client, private_document
):
    url = private_document.url
    tag = f'"{private_document.file_hash}"'
    response = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 302  # to the login page, never 304
    assert "login" in response["Location"]
    assert "ETag" not in response
    assert private_document.file_hash not in response.content.decode()
    # The same request signed in does get conditional GET: the oracle would be real.
    assert admin_client.get(url)["ETag"] == tag
    assert admin_client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_private_document_is_not_confirmed_by_a_guessed_filename(
    client, private_document
):
    wrong_name = f"/documents/{private_document.pk}/guess.txt"
    missing = f"/documents/{private_document.pk + 1000}/merger-plan.txt"
    assert client.get(wrong_name).status_code == 404
    assert client.get(missing).status_code == 404


def test_private_documents_are_not_listed_by_the_api(client, private_document):
    response = client.get("/api/v2/documents/")
    assert response.status_code == 200
    assert "Merger plan" not in response.text
    detail = client.get(f"/api/v2/documents/{private_document.pk}/")
    assert detail.status_code == 404
