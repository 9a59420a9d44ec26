from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from legal.admin_views import (
    LegalVersionPermissionPolicy,
    may_publish_directly,
    publish_version_view,
    refuse_direct_publish,
)
from legal.models import LegalDocumentPage, LegalDocumentVersion
from legal.permissions import requires_legal_approval
from legal.services import can_publish_versions


class LegalDocumentVersionViewSet(SnippetViewSet):
    """Inspect-only: versions are created by the publish action, never edited."""

    model = LegalDocumentVersion
    icon = "doc-full"
    menu_label = "Legal versions"
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "label", "document", "effective_date", "published_at", "published_by",
    ]  # fmt: skip
    list_filter = ["document", "effective_date"]
    inspect_view_fields = [
        "document", "label", "effective_date", "change_summary", "sha256",
        "published_by", "published_at", "rendered_text",
    ]  # fmt: skip

    def get_queryset(self, request):
        return self.model.objects.select_related("document", "published_by")

    @property
    def permission_policy(self):
        return LegalVersionPermissionPolicy(self.model)


register_snippet(LegalDocumentVersionViewSet)


@hooks.register("register_admin_urls")
def legal_admin_urls():
    return [
        path(
            "legal/publish/<int:page_id>/",
            publish_version_view,
            name="legal_publish_version",
        )
    ]


@hooks.register("register_page_header_buttons")
def publish_version_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, LegalDocumentPage) and can_publish_versions(
        user
    ):
        yield Button(
            "Publish legal version",
            reverse("legal_publish_version", args=[page.pk]),
            icon_name="doc-full",
            priority=5,
        )


class PublishLegalVersionMenuItem(ActionMenuItem):
    """In the page's publish menu (next to Publish), not only in the "…" menu."""

    name = "action-publish-legal-version"
    label = "Publish legal version…"
    icon_name = "doc-full"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(getattr(page, "specific_deferred", None), LegalDocumentPage)
            and can_publish_versions(context["request"].user)
        )

    def get_url(self, parent_context):
        return reverse("legal_publish_version", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def publish_version_menu_item():
    return PublishLegalVersionMenuItem(order=35)


def holds_published_versions(page) -> bool:
    documents = LegalDocumentPage.objects.descendant_of(page, inclusive=True)
    return LegalDocumentVersion.objects.filter(document__in=documents).exists()


PROTECTED_MESSAGE = (
    "“{title}” is, or contains, a legal document with published versions; "
    "unpublish it instead of deleting it."
)


@hooks.register("before_delete_page")
def protect_published_legal_documents(request, page):
    """Pages whose versions are published (or below such a page) cannot be deleted."""
    if holds_published_versions(page):
        messages.error(request, PROTECTED_MESSAGE.format(title=page.title))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def _refuse_bulk(request, objects, action, holds, message: str):
    """A bulk action stops at its first page that `holds`, with `message` naming it."""
    for page in objects:
        if isinstance(page, Page) and holds(page):
            messages.error(request, message.format(title=page.title))
            return redirect(action.next_url or "wagtailadmin_explore_root")
    return None


@hooks.register("before_bulk_action")
def protect_published_legal_documents_in_bulk(request, action_type, objects, action):
    """The bulk twin of the check above (else PROTECT would answer a 500)."""
    if action_type != "delete":
        return None
    return _refuse_bulk(
        request, objects, action, holds_published_versions, PROTECTED_MESSAGE
    )


def holds_legal_approval_pages(page) -> bool:
    """Is `page`, or a page below it, under legal approval?"""
    models = [m for m in apps.get_models() if requires_legal_approval(m)]
    types = ContentType.objects.get_for_models(*models).values()
    pages = Page.objects.descendant_of(page, inclusive=True)
    return pages.filter(content_type__in=types).exists()


MOVE_MESSAGE = (
    "“{title}” is, or contains, a page under legal approval: only legal editors "
    "may move it."
)


@hooks.register("before_move_page")
def only_legal_editors_move_legal_pages(request, page, destination):
    """A section holding a legal page moves it too (its permalinks then redirect)."""
    if not can_publish_versions(request.user) and holds_legal_approval_pages(page):
        messages.error(request, MOVE_MESSAGE.format(title=page.title))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def only_legal_editors_move_legal_pages_in_bulk(request, action_type, objects, action):
    if action_type != "move" or can_publish_versions(request.user):
        return None
    return _refuse_bulk(
        request, objects, action, holds_legal_approval_pages, MOVE_MESSAGE
    )


@hooks.register("construct_page_action_menu")
def legal_pages_go_through_approval(menu_items, request, context):
    page = context.get("page")
    page_class = type(page) if page is not None else context.get("page_class", object)
    if not may_publish_directly(request.user, page_class):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    refuse_direct_publish(request, type(page.specific_deferred))


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    refuse_direct_publish(request, page_class)


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_legal_pages(request, action_type, objects, action):
    if action_type == "publish":
        for obj in objects:
            refuse_direct_publish(request, type(obj.specific_deferred), force=True)
