"""The versions and diff pages read well: runs of unchanged clauses fold into one row,
the same version picked twice is said so, and dates are the real ones."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from legal.diff import UNCHANGED, UnchangedRun, compare, group_unchanged
from legal.services import publish_version
from tests.legal.factories import clause, publish, simple_body

pytestmark = pytest.mark.django_db


def test_unchanged_runs_fold_into_one_row(client, document, version1):
    body = simple_body()
    body[2]["value"]["content"][0]["value"] = "We notify you within 72 hours."
    publish(document, "2019-01", datetime.date(2019, 1, 1), body=body)

    entries = compare(version1.body, document.versions.get(label="2019-01").body)
    grouped = group_unchanged(entries)
    runs = [item for item in grouped if isinstance(item, UnchangedRun)]
    assert [run.count for run in runs] == [4, 2]  # before and after the change
    assert sum(e.status == UNCHANGED for e in entries) == 6
    assert runs[0].noun == "clauses"
    assert runs[1].noun == "parts"  # the appendix heading and its text

    html = client.get("/dp-exhibit/diff/2018-05/2019-01/").text
    assert html.count("<details>") == 2
    assert "4 unchanged clauses: Clause 1 to Clause 2(b)" in html
    assert "2 unchanged parts: Appendix 1 to Appendix 1 text" in html
    assert "Appendix 1 Appendix 1" not in html
    assert 'id="clause-scope"' in html and 'id="clause-def-data"' in html


def test_same_version_twice_is_said_so(client, document, version1):
    publish(document, "2019-01", datetime.date(2019, 1, 1), body=[clause("x", "X.")])
    response = client.get("/dp-exhibit/versions/", {"from": "2019-01", "to": "2019-01"})
    assert response.status_code == 400
    assert "You chose version 2019-01 twice" in response.text
    assert 'aria-invalid="true"' in response.text

    direct = client.get("/dp-exhibit/diff/2018-05/2018-05/")
    assert direct.status_code == 200
    assert "You chose version 2018-05 twice, so there is nothing to compare" in (
        direct.text
    )
    assert "legal-diff__entry" not in direct.text


def test_versions_page_shows_effective_and_publication_dates(client, document):
    published = datetime.datetime(2018, 5, 25, tzinfo=datetime.UTC)
    publish_version(
        document=document,
        label="2018-05",
        effective_date=datetime.date(2018, 5, 25),
        change_summary="First.",
        user=None,
        check_permission=False,
        published_at=published,
    )
    html = client.get("/dp-exhibit/versions/").text
    assert re.search(r"<dt>Effective</dt><dd><time[^>]*>25 May 2018</time>", html)
    assert re.search(r"<dt>Published</dt><dd><time[^>]*>25 May 2018</time>", html)
    page = client.get("/dp-exhibit/").text
    assert "Published" in page and "25 May 2018" in page


def test_only_imports_may_date_a_version(document, legal_editor):
    with pytest.raises(ValidationError):
        publish_version(
            document=document,
            label="x",
            effective_date=datetime.date(2018, 5, 25),
            change_summary="",
            user=legal_editor,
            published_at=datetime.datetime(2018, 5, 25, tzinfo=datetime.UTC),
        )
    with pytest.raises(ValidationError):
        publish_version(
            document=document,
            label="x",
            effective_date=datetime.date(2018, 5, 25),
            change_summary="",
            user=None,
            check_permission=False,
            published_at=timezone.now() + datetime.timedelta(days=1),
        )
    assert not document.versions.exists()
