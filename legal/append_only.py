"""Append-only records (evidence): rows are inserted once, never changed or deleted.

Legal versions and the forms app's acceptance records use it. Django's own writes
that skip `QuerySet.update()` (an UPDATE from `save()` on an instance whose primary
key already exists, `SET_NULL` from a deleted parent) are closed here or by
`PROTECT`; each app's migration adds a database trigger below the ORM.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models


class AppendOnlyError(PermissionDenied):
    """An append-only record was about to be changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk writes raise the model's `append_only_error`."""

    def _refuse(self, action: str):
        model = self.model
        raise model.append_only_error(model.append_only_messages[action])

    def update(self, **kwargs):
        self._refuse("change")

    def delete(self):
        self._refuse("delete")

    def bulk_update(self, objs, fields, batch_size=None):
        self._refuse("change")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        self._refuse("change")


class AppendOnlyModel(models.Model):
    """`save()` only ever INSERTs; `delete()` is refused."""

    append_only_error: type[AppendOnlyError] = AppendOnlyError
    append_only_messages = {
        "change": "These records are append-only.",
        "delete": "These records are append-only.",
    }

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise self.append_only_error(self.append_only_messages["change"])
        # An unsaved instance given the primary key of an existing row would
        # otherwise be written with an UPDATE over that row.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.append_only_error(self.append_only_messages["delete"])
