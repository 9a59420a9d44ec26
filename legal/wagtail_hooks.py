from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from legal.admin_views import (
    LegalVersionPermissionPolicy,
    may_publish_directly,
    publish_version_view,
    refuse_direct_publish,
)
from legal.models import LegalDocumentPage, LegalDocumentVersion
from legal.services import can_publish_versions, ensure_legal_approval


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


@hooks.register("before_delete_page")
def protect_published_legal_documents(request, page):
    """Pages whose versions are published (or below such a page) cannot be deleted."""
    documents = LegalDocumentPage.objects.descendant_of(page, inclusive=True)
    if LegalDocumentVersion.objects.filter(document__in=documents).exists():
        messages.error(
            request,
            "This page is, or contains, a legal document with published versions; "
            "unpublish it instead of deleting it.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


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


@hooks.register("after_create_page")
def attach_legal_workflow_to_new_pages(request, page):
    ensure_legal_approval(page=page)
