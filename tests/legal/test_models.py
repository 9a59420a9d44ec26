import datetime

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError

import pytest

from legal.models import ImmutableVersionError, LegalDocumentVersion
from tests.legal.factories import clause, publish, simple_body

TODAY = datetime.date(2025, 6, 1)


def test_save_of_existing_version_is_refused(version1):
    version1.change_summary = "rewritten"
    with pytest.raises(ImmutableVersionError):
        version1.save()
    fresh = LegalDocumentVersion.objects.get(pk=version1.pk)
    with pytest.raises(ImmutableVersionError):
        fresh.save(update_fields=["change_summary"])
    assert (
        LegalDocumentVersion.objects.get(pk=version1.pk).change_summary != "rewritten"
    )


def test_instance_delete_is_refused(version1):
    with pytest.raises(ImmutableVersionError):
        version1.delete()
    assert LegalDocumentVersion.objects.filter(pk=version1.pk).exists()


@pytest.mark.parametrize(
    "attempt",
    [
        lambda qs, v: qs.update(change_summary="x"),
        lambda qs, v: qs.delete(),
        lambda qs, v: qs.bulk_update([v], ["change_summary"]),
        lambda qs, v: qs.update_or_create(pk=v.pk, defaults={"label": "x"}),
        lambda qs, v: v.document.versions.all().delete(),
        lambda qs, v: v.document.versions.update(label="y"),
    ],
)
def test_queryset_and_related_manager_writes_are_refused(version1, attempt):
    with pytest.raises(ImmutableVersionError):
        attempt(LegalDocumentVersion.objects.all(), version1)
    assert LegalDocumentVersion.objects.get(pk=version1.pk).label == "2018-05"


def test_database_refuses_update_even_below_the_orm(version1):
    table = LegalDocumentVersion._meta.db_table
    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE {table} SET change_summary = %s WHERE id = %s",  # noqa: S608
            ["forged", version1.pk],
        )
    assert LegalDocumentVersion.objects.get(pk=version1.pk).change_summary != "forged"


def test_database_delete_guard(version1):
    """PostgreSQL refuses raw DELETEs; SQLite cannot (Django flushes it with DELETE),
    so there the guard is the ORM plus PROTECT and the UPDATE trigger."""
    table = LegalDocumentVersion._meta.db_table
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        assert LegalDocumentVersion.objects.filter(pk=version1.pk).exists()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'trigger' AND tbl_name = %s",
                [table],
            )
            assert [row[0] for row in cursor.fetchall()] == ["legal_version_no_update"]


def test_document_with_versions_cannot_be_deleted(version1):
    with pytest.raises(ProtectedError), transaction.atomic():
        version1.document.delete()
    assert LegalDocumentVersion.objects.filter(pk=version1.pk).exists()


def test_labels_unique_per_document(document, version1):
    duplicate = LegalDocumentVersion(
        document=document,
        label="2018-05",
        effective_date=datetime.date(2019, 1, 1),
        body={},
        rendered_text="",
        sha256="0" * 64,
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_permalink(version1):
    assert version1.get_absolute_url() == "/dp-exhibit/v/2018-05/"


def test_in_effect_and_current_version_with_future_versions(document, version1):
    body = simple_body()
    body.append(clause("new", "New.", "A new clause."))
    v2 = publish(document, "2025-07", datetime.date(2025, 7, 1), body=body)
    qs = document.versions
    assert qs.in_effect(on=datetime.date(2018, 5, 24)) is None
    assert qs.in_effect(on=TODAY) == version1
    assert document.current_version(on=TODAY) == version1
    assert document.current_version(on=datetime.date(2025, 7, 1)) == v2
    assert list(qs.upcoming(on=TODAY)) == [v2]
    assert list(qs.published().newest_first()) == [v2, version1]
    assert LegalDocumentVersion.objects.in_effect(on=TODAY) == version1
