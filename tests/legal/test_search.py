"""Clause search for the site search page: the clauses of each document's version in
effect today, read in two queries however many documents there are."""

import datetime

from django.utils import timezone

import pytest

from legal.search import clause_words, search_clauses
from legal.services import ensure_legal_approval
from tests.legal.factories import LegalDocumentPageFactory, clause, publish

DAY = datetime.timedelta(days=1)


def document(home_page, slug: str, *clauses: dict):
    page = LegalDocumentPageFactory(parent=home_page, slug=slug, body=list(clauses))
    page.save_revision().publish()
    page.refresh_from_db()
    ensure_legal_approval(page=page)
    return page


@pytest.fixture
def documents(home_page):
    today = timezone.localdate()
    terms = document(home_page, "terms", clause("old", "Backups.", "Kept a week."))
    publish(terms, "v1", today - 400 * DAY)
    publish(
        terms, "v2", today - 10 * DAY, body=[clause("now", "Backups.", "Kept 30 days.")]
    )
    publish(
        terms,
        "v3",
        today + 30 * DAY,
        body=[clause("next", "Backups.", "Kept 90 days.")],
    )
    policy = document(home_page, "policy", clause("copies", "Backup copies.", "Two."))
    publish(policy, "v1", today - 5 * DAY)
    document(home_page, "draft", clause("none", "Backups.", "No version yet."))
    only_future = document(home_page, "later", clause("soon", "Backups.", "Soon."))
    publish(only_future, "v1", today + 5 * DAY)
    return terms, policy


@pytest.mark.django_db
def test_clauses_come_from_the_version_in_effect(documents, django_assert_num_queries):
    assert documents[0].url == "/terms/"  # site root paths, cached as on any request
    with django_assert_num_queries(2):
        hits = search_clauses(["backup"])
    assert [
        (hit["document"].slug, hit["id"], hit["version"].label) for hit in hits
    ] == [
        ("terms", "now", "v2"),
        ("policy", "copies", "v1"),
    ]
    assert hits[0]["url"] == "/terms/#clause-now"
    assert search_clauses(["kept", "days"])[0]["text"] == "Kept 30 days."


@pytest.mark.django_db
def test_clause_words_read_every_document_in_two_queries(
    home_page, documents, django_assert_num_queries
):
    with django_assert_num_queries(2):
        assert clause_words() == {"backups.", "backup", "copies."}
    for n in range(5):
        extra = document(home_page, f"extra-{n}", clause(f"c{n}", f"Term{n}.", "x"))
        publish(extra, "v1", timezone.localdate())
    with django_assert_num_queries(2):
        assert f"term{n}." in clause_words()
