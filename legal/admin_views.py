"""Admin side of legal versions: the publish action, and a read-only permission policy.

Publishing a legal version is separate from publishing the page: the page goes through
the "Legal approval" workflow, then a legal editor freezes its live text as a version.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from wagtail.permission_policies import ModelPermissionPolicy

from legal.diff import compare, summarise
from legal.models import LegalDocumentPage, label_validator
from legal.permissions import requires_legal_approval
from legal.services import can_publish_versions, publish_version
from legal.structure import render_text, text_sha256

READ_ONLY_ACTIONS = {"view"}


def may_publish_directly(user, page_class: type) -> bool:
    """Pages under legal approval skip the workflow only for legal editors."""
    return not requires_legal_approval(page_class) or can_publish_versions(user)


def refuse_direct_publish(
    request: HttpRequest, page_class: type, *, force: bool = False
) -> None:
    """Server-side twin of hiding the Publish button (buttons can be forged)."""
    posting = request.method == "POST" and bool(request.POST.get("action-publish"))
    if (force or posting) and not may_publish_directly(request.user, page_class):
        raise PermissionDenied("Legal pages are published through legal approval.")


class LegalVersionPermissionPolicy(ModelPermissionPolicy):
    """Nobody, superusers included, may add, edit or delete versions in the admin."""

    def user_has_permission(self, user, action):
        if action not in READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a in READ_ONLY_ACTIONS]
        if not actions:
            return self.auth_model._default_manager.none()
        return super().users_with_any_permission(actions)


class PublishVersionForm(forms.Form):
    label = forms.CharField(
        max_length=40,
        validators=[label_validator],
        help_text="Permanent name used in the version's URL, e.g. 2025-01.",
    )
    effective_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date the new text takes effect; it may be in the future.",
    )
    change_summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="What changed, in plain words, shown to visitors.",
    )
    confirm = forms.BooleanField(
        label="I understand that a published version can never be changed or deleted.",
    )


def publish_version_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """Form to freeze a legal page's live text as a new version."""
    if not can_publish_versions(request.user):
        raise PermissionDenied
    page = get_object_or_404(LegalDocumentPage, pk=page_id)
    latest = page.versions.newest_first().first()
    live_body = page.frozen_body()
    unchanged = latest is not None and latest.sha256 == text_sha256(
        render_text(live_body)
    )
    entries = compare(latest.body, live_body) if latest else []
    form = PublishVersionForm(
        request.POST or None,
        initial={"effective_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = publish_version(
                document=page,
                label=form.cleaned_data["label"],
                effective_date=form.cleaned_data["effective_date"],
                change_summary=form.cleaned_data["change_summary"],
                user=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                target = field if field in form.fields else None
                for message in errors:
                    form.add_error(target, message)
        else:
            messages.success(
                request, f"Version {version.label} of “{page.title}” published."
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "legal/admin/publish_version.html",
        {
            "header_title": "Publish a legal version",
            "page_title": "Publish a legal version",
            "page_subtitle": page.title,
            "header_icon": "doc-full",
            "page": page,
            "form": form,
            "latest": latest,
            "unchanged": unchanged,
            "has_unpublished_changes": page.has_unpublished_changes,
            "entries": [e for e in entries if e.status != "unchanged"],
            "summary": summarise(entries) if entries else None,
        },
        status=400 if request.method == "POST" else 200,
    )
