import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from legal.models import LegalDocumentVersion
from legal.services import publish_version
from legal.structure import render_text, text_sha256
from tests.legal.factories import clause, publish, simple_body


def _publish(document, user, label="2019-01", effective=datetime.date(2019, 1, 1)):
    return publish_version(
        document=document,
        label=label,
        effective_date=effective,
        change_summary="Summary",
        user=user,
    )


def test_legal_editor_publishes_a_frozen_snapshot(document, legal_editor):
    version = _publish(document, legal_editor)
    assert version.published_by == legal_editor
    assert version.body == document.frozen_body()
    assert version.rendered_text == render_text(version.body)
    assert version.sha256 == text_sha256(version.rendered_text)
    assert len(version.sha256) == 64


def test_plain_editor_and_anonymous_cannot_publish(document, plain_editor):
    for user in (plain_editor, None):
        with pytest.raises(PermissionDenied):
            _publish(document, user)
    assert not LegalDocumentVersion.objects.exists()


def test_snapshot_uses_live_content_not_drafts(document, legal_editor):
    draft = document.get_latest_revision_as_object()
    draft.body = [clause("draft", "Draft.", "Not approved yet.")]
    draft.save_revision()  # saved, not published
    version = _publish(document, legal_editor)
    assert "Not approved yet." not in version.rendered_text
    assert "This exhibit applies to the Services." in version.rendered_text


def test_unpublished_page_cannot_get_a_version(document, legal_editor):
    document.unpublish()
    with pytest.raises(ValidationError):
        _publish(document, legal_editor)


def test_identical_text_and_backdating_are_refused(document, version1, legal_editor):
    with pytest.raises(ValidationError) as identical:
        _publish(document, legal_editor)
    assert "identical" in str(identical.value)
    body = simple_body()
    body.append(clause("extra", "Extra.", "More."))
    document.body = body
    document.save_revision().publish()
    with pytest.raises(ValidationError) as early:
        _publish(document, legal_editor, effective=datetime.date(2017, 1, 1))
    assert "effective_date" in early.value.message_dict


def test_bad_label_is_a_validation_error(document, legal_editor):
    with pytest.raises(ValidationError) as error:
        _publish(document, legal_editor, label="../x y")
    assert "label" in error.value.message_dict


def test_publish_is_atomic(document, version1, legal_editor):
    body = simple_body()
    body.append(clause("extra", "Extra.", "More."))
    with pytest.raises(ValidationError):
        publish(document, "2018-05", datetime.date(2019, 1, 1), body=body)
    assert LegalDocumentVersion.objects.count() == 1
