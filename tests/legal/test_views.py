import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tests.legal.factories import clause, para, publish, simple_body


def _body_with(*extra):
    body = simple_body()
    body.extend(extra)
    return body


def test_current_version_page(client, version1):
    response = client.get("/dp-exhibit/")
    assert response.status_code == 200
    html = response.text
    assert "2018-05" in html
    assert "25 May 2018" in html
    assert 'href="/dp-exhibit/versions/"' in html
    assert 'href="/dp-exhibit/v/2018-05/"' in html
    assert 'id="clause-breach"' in html
    assert 'href="#clause-breach"' in html
    assert "legal/legal.css" in html
    assert version1.sha256 in html


def test_page_without_versions_says_so_and_hides_the_draft(client, document):
    response = client.get("/dp-exhibit/")
    assert response.status_code == 200
    assert "No version of this document has been published yet." in response.text
    assert "This exhibit applies to the Services." not in response.text


def test_permalink_shows_frozen_text_after_page_changes(client, document, version1):
    body = simple_body()
    body[0]["value"]["content"][0]["value"] = "Rewritten scope."
    v2 = publish(document, "2019-01", datetime.date(2019, 1, 1), body=body)
    old = client.get("/dp-exhibit/v/2018-05/").text
    assert "This exhibit applies to the Services." in old
    assert "Rewritten scope." not in old
    assert "This is a past version and is no longer in effect." in old
    assert 'rel="canonical" href="/dp-exhibit/v/2018-05/"' in old
    current = client.get("/dp-exhibit/").text
    assert "Rewritten scope." in current
    assert v2.label in current
    assert client.get("/dp-exhibit/v/2099-01/").status_code == 404


def test_future_version_is_announced_not_applied(client, document, version1):
    tomorrow = timezone.localdate() + datetime.timedelta(days=30)
    upcoming = publish(
        document,
        "next",
        tomorrow,
        body=_body_with(clause("new", "New.", "Future wording.")),
    )
    html = client.get("/dp-exhibit/").text
    assert "Future wording." not in html
    assert "Upcoming changes" in html
    assert f'href="{upcoming.get_absolute_url()}"' in html
    assert 'href="/dp-exhibit/diff/2018-05/next/"' in html
    permalink = client.get(upcoming.get_absolute_url()).text
    assert "Future wording." in permalink
    assert "This version takes effect on" in permalink
    listing = client.get("/dp-exhibit/versions/").text
    assert "Upcoming" in listing
    assert "In effect" in listing


def test_versions_list_newest_first_with_diff_links(client, document, version1):
    publish(
        document,
        "2019-01",
        datetime.date(2019, 1, 1),
        body=_body_with(clause("x", "X.", "x")),
        summary="Added clause X.",
    )
    html = client.get("/dp-exhibit/versions/").text
    assert html.index("Version 2019-01") < html.index("Version 2018-05")
    assert "Added clause X." in html
    assert 'href="/dp-exhibit/diff/2018-05/2019-01/"' in html


def test_compare_form_redirects_or_reports_errors(client, document, version1):
    publish(document, "b", datetime.date(2019, 1, 1), body=_body_with(para("More.")))
    ok = client.get("/dp-exhibit/versions/", {"from": "2018-05", "to": "b"})
    assert ok.status_code == 302
    assert ok["Location"] == "/dp-exhibit/diff/2018-05/b/"
    bad = client.get("/dp-exhibit/versions/", {"from": "<x>", "to": "b"})
    assert bad.status_code == 400
    assert "Choose two different published versions" in bad.text
    assert "<x>" not in bad.text


def test_diff_page_marks_changes(client, document, version1):
    body = simple_body()
    body[2]["value"]["content"][0]["value"] = "We notify you within 72 hours."
    body.insert(1, clause("audits", "Audits.", "You may audit us."))
    publish(document, "2019-01", datetime.date(2019, 1, 1), body=body)
    response = client.get("/dp-exhibit/diff/2018-05/2019-01/")
    assert response.status_code == 200
    html = response.text
    assert "<del>without</del>" in html
    assert "<ins>within</ins>" in html
    assert "legal-diff__entry--added" in html
    assert 'id="clause-audits"' in html
    assert "<details>" in html  # unchanged clauses collapse
    assert "3 → " in html or "Clause 3 → Clause 4" in html
    assert client.get("/dp-exhibit/diff/2018-05/nope/").status_code == 404


def test_hostile_text_is_escaped_everywhere(client, document):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    body = [clause("evil", evil, evil, {"type": "list", "id": "l", "value": {
        "style": "bullet", "items": [{"text": evil, "items": [evil]}]}})]  # fmt: skip
    publish(document, "v1", datetime.date(2018, 1, 1), body=body, summary=evil)
    body2 = [clause("evil", evil, evil + " changed")]
    publish(document, "v2", datetime.date(2018, 2, 1), body=body2, summary=evil)
    for url in (
        "/dp-exhibit/",
        "/dp-exhibit/v/v1/",
        "/dp-exhibit/versions/",
        "/dp-exhibit/diff/v1/v2/",
    ):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url


def test_print_styles_are_shipped(client, version1):
    from django.contrib.staticfiles import finders

    css = open(finders.find("legal/legal.css"), encoding="utf-8").read()  # noqa: SIM115
    assert "@media print" in css


@pytest.mark.parametrize(
    ("url", "version_queries"),
    [("/dp-exhibit/", 2), ("/dp-exhibit/v/2018-05/", 2), ("/dp-exhibit/versions/", 1)],
)
def test_query_budget(client, version1, url, version_queries):
    """Version queries are fixed; the total bound leaves room for the site chrome."""
    client.get(url)  # warm the site root cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    sql = [q["sql"] for q in ctx.captured_queries]
    assert len([q for q in sql if "legal_legaldocumentversion" in q]) == version_queries
    assert len(ctx.captured_queries) <= 12


def test_admin_preview_shows_the_draft_marked_unpublished(client, document, version1):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    admin = get_user_model().objects.create_superuser("boss", "b@example.com", "pw")
    client.force_login(admin)
    draft = document.get_latest_revision_as_object()
    draft.body = [*simple_body(), clause("draft", "Draft.", "Pending wording.")]
    draft.save_revision()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[document.pk])
    post = client.post(url, {
        "title": document.title, "slug": document.slug, "intro": "",
        "body-count": "0", "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0", "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    })  # fmt: skip
    assert post.json()["is_valid"]
    html = client.get(url).text
    assert "This is not a published legal version." in html
    assert "2018-05" not in html  # no version metadata on a draft preview
    public = client.get("/dp-exhibit/").text
    assert "Pending wording." not in public
    assert "not a published legal version" not in public
