"""Admin wiring: outbox, data-subject tools, read-only DP acceptance listing."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from forms import admin_views, permissions
from forms.models import DPAcceptance


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Acceptance records are append-only: nobody adds, edits or deletes them."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


class DPAcceptanceIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Download CSV",
                url=reverse("lumen_forms_acceptance_export"),
                icon_name="download",
            ),
        ]


class DPAcceptanceViewSet(ModelViewSet):
    model = DPAcceptance
    index_view_class = DPAcceptanceIndexView
    icon = "doc-full"
    menu_label = "DP acceptances"
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["company", "signer_name", "email", "version_label", "accepted_at"]
    list_filter = ["version_label"]
    search_fields = ["company", "email", "signer_name"]
    form_fields = ["company"]  # never editable: the policy refuses add/change
    permission_policy = ReadOnlyPolicy(DPAcceptance)


@hooks.register("register_admin_viewset")
def register_acceptances():
    return DPAcceptanceViewSet("dp_acceptances")


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "lumen-forms/outbox/", admin_views.outbox_index, name="lumen_forms_outbox"
        ),
        path(
            "lumen-forms/outbox/<int:pk>/resend/",
            admin_views.outbox_resend,
            name="lumen_forms_outbox_resend",
        ),
        path(
            "lumen-forms/data-subject/",
            admin_views.data_subject,
            name="lumen_forms_data_subject",
        ),
        path(
            "lumen-forms/acceptances.csv",
            admin_views.acceptance_export,
            name="lumen_forms_acceptance_export",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def outbox_menu():
    return PermissionMenuItem(
        "Mail outbox",
        reverse("lumen_forms_outbox"),
        icon_name="mail",
        permission="forms.view_outboundemail",
    )


@hooks.register("register_settings_menu_item")
def data_subject_menu():
    return PermissionMenuItem(
        "Data-subject requests",
        reverse("lumen_forms_data_subject"),
        icon_name="user",
        permission="forms.manage_data_subjects",
    )


@hooks.register("register_admin_menu_item")
def acceptance_export_menu():
    """The acceptance records' CSV, next to their listing (DP acceptances)."""
    return PermissionMenuItem(
        "DP acceptances (CSV)",
        reverse("lumen_forms_acceptance_export"),
        icon_name="download",
        permission="forms.view_dpacceptance",
        order=9000,
    )


@hooks.register("filter_form_submissions_for_user")
def require_submissions_permission(user, editable_forms):
    return permissions.filter_forms_for_user(user, editable_forms)


@hooks.register("before_delete_page")
def protect_evidence(request, page):
    """A page holding (or above) acceptances or submissions: see `deletion_problem`."""
    problem = permissions.deletion_problem(page, request.user)
    if problem:
        messages.error(request, problem)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def protect_evidence_in_bulk(request, action_type, objects, action):
    if action_type != "delete":
        return None
    for page in objects:
        if not isinstance(page, Page):
            continue
        problem = permissions.deletion_problem(page, request.user)
        if problem:
            messages.error(request, problem)
            return redirect(action.next_url or "wagtailadmin_explore_root")
    return None


@hooks.register("after_create_page")
def grant_new_form_pages(request, page):
    permissions.grant_form_administrators(page=page)


@hooks.register("after_copy_page")
def grant_copied_form_pages(request, page, new_page):
    permissions.grant_form_administrators(page=new_page)
