"""Publishing legal versions: the only way a LegalDocumentVersion comes into being."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

from legal.models import LegalDocumentPage, LegalDocumentVersion
from legal.permissions import is_legal_editor, requires_legal_approval
from legal.structure import render_text, text_sha256

LEGAL_EDITORS = "Legal editors"
LEGAL_WORKFLOW = "Legal approval"
LEGAL_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def can_publish_versions(user: AbstractBaseUser | None) -> bool:
    return is_legal_editor(user)


@transaction.atomic
def publish_version(
    *,
    document: LegalDocumentPage,
    label: str,
    effective_date: datetime.date,
    change_summary: str,
    user: AbstractBaseUser | None,
    check_permission: bool = True,
    published_at: datetime.datetime | None = None,
) -> LegalDocumentVersion:
    """Freeze the document's live content as a new, immutable version.

    The snapshot is taken from the live page (what passed the legal-approval workflow),
    never from an unpublished draft. ``check_permission=False`` is for the seed only,
    as is ``published_at``: the date a version imported from an earlier site was first
    published there (never later than now); otherwise it is the time of this call.
    """
    if check_permission and not can_publish_versions(user):
        raise PermissionDenied("You may not publish legal versions.")
    if published_at is not None and (check_permission or published_at > timezone.now()):
        raise ValidationError(
            {"published_at": "Only imports may date a version, and not in the future."}
        )
    # Lock the page row so two publishers cannot interleave.
    live = LegalDocumentPage.objects.select_for_update().get(pk=document.pk)
    if not live.live:
        raise ValidationError("Publish the page before publishing a legal version.")
    body = live.frozen_body()
    text = render_text(body)
    digest = text_sha256(text)
    latest = live.versions.newest_first().first()
    errors: dict[str, list[str]] = {}
    if latest is not None:
        if latest.sha256 == digest:
            errors.setdefault("__all__", []).append(
                f"The live text is identical to version {latest.label}."
            )
        if effective_date < latest.effective_date:
            errors.setdefault("effective_date", []).append(
                f"Must not be earlier than version {latest.label} "
                f"({latest.effective_date:%Y-%m-%d})."
            )
    if errors:
        raise ValidationError(errors)
    version = LegalDocumentVersion(
        document=live,
        label=label.strip(),
        effective_date=effective_date,
        change_summary=change_summary.strip(),
        body=body,
        rendered_text=text,
        sha256=digest,
        published_by=user if user and user.is_authenticated else None,
        published_at=published_at or timezone.now(),
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def ensure_legal_approval(*, page: Page, force: bool = False) -> None:
    """Put a page under legal approval (a legal document, a DP terms form) in the
    "Legal approval" workflow and let Legal editors edit and publish it (approvers
    need publish rights on the page).

    The workflow is set on the page unless one is already set on the page itself;
    ``force`` replaces it (the seed uses that).
    """
    if not requires_legal_approval(type(page.specific_deferred)):
        return
    group = Group.objects.filter(name=LEGAL_EDITORS).first()
    if group is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=LEGAL_PAGE_PERMISSIONS
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
    workflow = Workflow.objects.filter(name=LEGAL_WORKFLOW, active=True).first()
    if workflow is None:
        return
    own = WorkflowPage.objects.filter(page=page).first()
    if own is None:
        WorkflowPage.objects.create(page=page, workflow=workflow)
    elif force and own.workflow_id != workflow.pk:
        own.workflow = workflow
        own.save(update_fields=["workflow"])
