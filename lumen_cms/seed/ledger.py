"""The seed's memory: it fills gaps and updates only what still holds its own value.

Every seeded object has a `SeedRecord`, keyed by its place in the seed
("page:/managed-services/mysql/", "navigation:default"), holding a digest of each value
the seed wrote. On a later run a field is updated only while its current value still
has that digest (or is empty); any other value is an editor's: it is kept and reported.
A seeded page or object an editor deleted is not recreated. Existing pages are never
published over a draft, while in moderation or locked; under a workflow the seed saves
a draft for it instead of publishing. `--reset` restores the seed's values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from wagtail.models import Page, Site

from lumen_cms.models import SeedRecord
from lumen_cms.seed.report import SeedReport
from lumen_cms.seed.values import Related, digest, is_empty, value_of

HOME_KEY = "page:/"


def _verbose(obj: models.Model, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name.replace("_", " ")


def _label(obj: models.Model) -> str:
    name = str(obj._meta.verbose_name).capitalize()
    if isinstance(obj, Site):
        return f"Site ({obj.site_name or obj.hostname})"
    site = getattr(obj, "site", None)
    if isinstance(site, Site):  # a site setting
        return f"{name} settings ({site.site_name or site.hostname})"
    return f"{name} “{obj}”"


class SeedRun:
    """One run of the seed: the records it reads and writes, and its report."""

    def __init__(self, *, reset: bool = False) -> None:
        self.reset = reset
        self.report = SeedReport()
        self.records = {record.key: record for record in SeedRecord.objects.all()}
        self.page_keys = {
            int(record.object_id): key
            for key, record in self.records.items()
            if key.startswith("page:")
        }
        self._root_path: str | None = None
        self.created: set[tuple[str, str]] = set()
        # Page id -> the values the seed gives it (menus leave equal texts empty).
        self.intended: dict[int, dict[str, Any]] = {}

    # -- keys and lookups -------------------------------------------------------
    def page_key(self, parent: Page, slug: str) -> str:
        base = self.page_keys.get(parent.pk)
        if base is None:
            base = "page:" + self._relative_path(parent)
        return f"{base}{slug}/"

    def _label(self, obj: models.Model) -> str:
        if isinstance(obj, Page):
            return f"{obj.title} ({self._relative_path(obj)})"
        return _label(obj)

    def _relative_path(self, page: Page) -> str:
        """The page's URL path below the default site's root ("/managed-services/")."""
        if self._root_path is None:
            site = Site.objects.filter(is_default_site=True).first()
            root = Page.objects.filter(pk=site.root_page_id if site else None)
            self._root_path = root.values_list("url_path", flat=True).first() or "/"
        if page.url_path.startswith(self._root_path):
            return "/" + page.url_path[len(self._root_path) :]
        return page.url_path

    def register_page(self, page: Page, key: str) -> None:
        self.page_keys[page.pk] = key

    def _recorded(self, key: str, model: type[models.Model]) -> tuple[Any, bool]:
        """(the object a record points at, whether a record exists at all)."""
        record = self.records.get(key)
        if record is None:
            return None, False
        concrete = Page if issubclass(model, Page) else model
        obj = concrete._default_manager.filter(pk=record.object_id).first()
        return obj, True

    def mark_created(self, obj: models.Model) -> None:
        self.created.add((obj._meta.label_lower, str(obj.pk)))

    def was_created(self, obj: models.Model) -> bool:
        return (obj._meta.label_lower, str(obj.pk)) in self.created

    # -- planning ---------------------------------------------------------------
    def _plan(
        self,
        key: str,
        obj: models.Model,
        values: dict[str, Any],
        installation_defaults: dict[str, Any] | None = None,
    ) -> tuple[dict[str, Any], list[str], dict[str, str]]:
        """(changes to make, names kept for the editor, digests to record)."""
        record = self.records.get(key)
        known = record.digests if record and record.object_id == str(obj.pk) else {}
        defaults = installation_defaults or {}
        changes: dict[str, Any] = {}
        kept: list[str] = []
        digests: dict[str, str] = {}
        for name, wanted in values.items():
            value = wanted.value if isinstance(wanted, Related) else wanted
            current = (
                wanted.read(obj) if isinstance(wanted, Related) else getattr(obj, name)
            )
            current_digest, target = digest(current), digest(value)
            if current_digest == target:
                digests[name] = target
            elif (
                self.reset
                or known.get(name) == current_digest
                or (
                    name not in known
                    and (
                        is_empty(current)
                        or (name in defaults and current == defaults[name])
                    )
                )
            ):
                changes[name] = wanted
                digests[name] = target
            else:
                kept.append(name)
                if name in known:
                    digests[name] = known[name]
        return changes, kept, digests

    def _record(self, key: str, obj: models.Model, digests: dict[str, str]) -> None:
        record = self.records.get(key)
        object_id = str(obj.pk)
        if record is None:
            record = SeedRecord(
                key=key,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=object_id,
                digests=digests,
            )
        else:
            if record.object_id == object_id:
                digests = {**record.digests, **digests}
                if digests == record.digests:
                    return
            record.content_type = ContentType.objects.get_for_model(obj)
            record.object_id = object_id
            record.digests = digests
        record.save()
        self.records[key] = record

    @staticmethod
    def _apply(obj: models.Model, changes: dict[str, Any]) -> None:
        for name, wanted in changes.items():
            if isinstance(wanted, Related):
                wanted.write(obj, wanted.value)
            else:
                setattr(obj, name, wanted)

    # -- pages ------------------------------------------------------------------
    def page(
        self,
        *,
        parent: Page,
        model: type[Page],
        slug: str,
        fields: dict[str, Any],
        on_create: dict[str, Any] | None = None,
        legal: bool = False,
        key: str | None = None,
    ) -> Page | None:
        """Create the page under parent or bring its seed-owned fields up to date.

        Returns None when an editor deleted the seeded page (it is not recreated);
        a page of another type at that slug is returned untouched (its app owns it).
        `on_create` values are written only when the page is created.
        """
        key = key or self.page_key(parent, slug)
        found, recorded = self._recorded(key, model)
        if recorded and found is None and not self.reset:
            self.report.left.append(
                (f"{fields.get('title', slug)} ({key[5:]})", "deleted by an editor")
            )
            return None
        page = found or child_by_slug(parent, slug)
        if page is None:
            return self._create_page(
                key, parent, model, slug, {**fields, **(on_create or {})}
            )
        page = page.specific
        if not isinstance(page, model):
            return page
        self.register_page(page, key)
        self.intended.setdefault(page.pk, {}).update(fields)
        changes, kept, digests = self._plan(key, page, fields)
        planned = set(changes)
        label = self._label(page)
        created = self.was_created(page)
        if legal and not created:
            # Legal texts change only through Legal approval, never by the seed.
            changes, kept = {}, [*kept, *changes]
            note = "legal document: changes go through Legal approval"
        else:
            note = ""
        if kept:
            self.report.keep(label, [_verbose(page, n) for n in kept], note)
        if not page.live and not created and not self.reset:
            self.report.keep(label, ["unpublished"])
            changes = {}
        if changes and (blocked := self._blocked(page)):
            self.report.left.append((label, blocked))
            changes = {}
        if not changes and not (self.reset and not page.live):
            for name in planned:  # not applied: the last seeded value still holds
                digests.pop(name, None)
            self._record(key, page, digests)
            return page
        self._apply(page, changes)
        if not self.reset and not created and page.get_workflow() is not None:
            # Publishing would bypass the page's workflow: leave a draft for it.
            page.save_revision(log_action=True)
            self.report.drafted.append(label)
            page.refresh_from_db()
            # The live page still holds the old value until the draft is published.
            for name in planned:
                digests.pop(name, None)
        else:
            publish(page)
            if not created:
                self.report.updated.append(label)
        self._record(key, page, digests)
        return page

    def _blocked(self, page: Page) -> str | None:
        """Why an existing page must not be changed now (None: it may)."""
        if self.was_created(page):
            return None
        if page.workflow_in_progress:
            return "in moderation: left for its workflow"
        if page.locked:
            return "locked"
        if page.has_unpublished_changes and not self.reset:
            return "has an unpublished draft newer than the seed's revision"
        return None

    def _create_page(
        self,
        key: str,
        parent: Page,
        model: type[Page],
        slug: str,
        values: dict[str, Any],
    ) -> Page:
        plain = {k: v for k, v in values.items() if not isinstance(v, Related)}
        page = model(slug=slug, **plain)
        self._apply(page, {k: v for k, v in values.items() if isinstance(v, Related)})
        parent.add_child(instance=page)
        publish(page)
        self.mark_created(page)
        self.register_page(page, key)
        self.intended[page.pk] = values
        self.report.created.append(self._label(page))
        self._record(
            key, page, {name: digest(value_of(v)) for name, v in values.items()}
        )
        return page

    # -- other objects ------------------------------------------------------------
    def instance(
        self,
        *,
        key: str,
        obj: models.Model,
        fields: dict[str, Any],
        installation_defaults: dict[str, Any] | None = None,
        clean: bool = True,
    ) -> bool:
        """Bring an existing object (settings, site) up to date; True if saved."""
        changes, kept, digests = self._plan(key, obj, fields, installation_defaults)
        if kept:
            self.report.keep(self._label(obj), [_verbose(obj, name) for name in kept])
        if changes:
            # A settings row Wagtail made empty on first access is the seed's to fill.
            filled = key not in self.records and all(
                is_empty(getattr(obj, n, None)) for n in changes
            )
            self._apply(obj, changes)
            if clean:
                obj.full_clean()
            obj.save()
            (self.report.created if filled else self.report.updated).append(
                self._label(obj)
            )
        self._record(key, obj, digests)
        return bool(changes)

    def object(
        self,
        *,
        key: str,
        model: type[models.Model],
        lookup: dict[str, Any],
        fields: dict[str, Any],
    ) -> models.Model | None:
        """Find (by record, then lookup) or create an object; None if deleted."""
        obj, recorded = self._recorded(key, model)
        if recorded and obj is None and not self.reset:
            named = ", ".join(str(v) for v in lookup.values() if isinstance(v, str))
            label = f"{str(model._meta.verbose_name).capitalize()} ({named})"
            self.report.left.append((label, "deleted by an editor"))
            return None
        if obj is None:
            obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            plain = {k: v for k, v in fields.items() if not isinstance(v, Related)}
            obj = model(**lookup, **plain)
            self._apply(
                obj, {k: v for k, v in fields.items() if isinstance(v, Related)}
            )
            obj.save()
            self.mark_created(obj)
            self.report.created.append(self._label(obj))
            self._record(
                key, obj, {name: digest(value_of(v)) for name, v in fields.items()}
            )
            return obj
        self.instance(key=key, obj=obj, fields=fields, clean=False)
        return obj


def child_by_slug(parent: Page, slug: str) -> Page | None:
    return Page.objects.child_of(parent).filter(slug=slug).first()


def publish(page: Page) -> None:
    page.save_revision().publish()


_current: SeedRun | None = None


def current_run() -> SeedRun:
    """The run in progress, or a one-off run (steps called on their own, in tests)."""
    return _current if _current is not None else SeedRun()


@contextmanager
def seed_run(*, reset: bool = False) -> Iterator[SeedRun]:
    global _current
    previous, _current = _current, SeedRun(reset=reset)
    try:
        yield _current
    finally:
        _current = previous
