"""Settings → Webhooks (endpoints) and Settings → Webhook deliveries (the log)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy

from lumen_cms.models import WebhookDelivery, WebhookEndpoint
from lumen_cms.webhooks import outbox, signing
from lumen_cms.webhooks.change_set import ContentChange


class WebhookEndpointForm(WagtailAdminModelForm):
    """The secret is write-only: a new endpoint is offered a generated one to copy;
    afterwards the form shows only a hint and an empty field to replace it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["secret"]
        field.required = False
        if self.instance.pk:
            field.widget = forms.PasswordInput(render_value=False)
            self.initial["secret"] = ""
            field.help_text = (
                f"Current secret: {self.instance.secret_hint}. Leave empty to keep "
                "it, or paste a new whsec_ secret to replace it."
            )
        else:
            field.widget = forms.TextInput(attrs={"autocomplete": "off"})
            self.initial.setdefault("secret", signing.generate_secret())
            field.help_text = (
                "Copy this secret into your front end now (or paste your own "
                "whsec_ secret): it is never shown again."
            )

    def clean_secret(self) -> str:
        value = (self.cleaned_data.get("secret") or "").strip()
        if not value:
            if self.instance.pk:
                return self.instance.secret
            raise ValidationError("A signing secret is required.")
        try:
            signing.secret_key(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        return value

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise ValidationError("Use an http:// or https:// address.")
        return url


def _action_button(
    request: HttpRequest, perm: str, label: str, url: str, priority: int
) -> list[Button]:
    """A row action that queues a delivery: shown only to users who hold `perm`."""
    if not request.user.has_perm(perm):
        return []
    return [Button(label, url=url, icon_name="resubmit", priority=priority)]


def _confirm_page(request: HttpRequest, **context: str) -> TemplateResponse:
    """The page a row action shows before it queues anything (a GET never sends):
    `title`, `subtitle`, `question`, `button` and `back_url`."""
    return TemplateResponse(request, "lumen_cms/admin/webhook_confirm.html", context)


class EndpointIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            Button(
                "Deliveries",
                url=reverse("webhook_deliveries:index") + f"?endpoint={instance.pk}",
                icon_name="list-ul",
                priority=40,
            )
        )
        buttons += _action_button(
            self.request,
            "lumen_cms.change_webhookendpoint",
            "Send a test delivery",
            reverse("webhooks:ping", args=[instance.pk]),
            priority=50,
        )
        return buttons


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    copy_view_enabled = False
    index_view_class = EndpointIndexView
    list_display = ["name", "url", "site", "is_active", "created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("secret"),
            FieldPanel("site"),
            FieldPanel("is_active"),
        ],
        base_form_class=WebhookEndpointForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("ping/<int:pk>/", self.ping_view, name="ping"),
        ]

    def ping_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Queue a `ping` delivery to this endpoint only (checks URL and secret)."""
        if not request.user.has_perm("lumen_cms.change_webhookendpoint"):
            raise PermissionDenied
        endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
        if request.method == "POST":
            outbox.queue_change(ContentChange(kinds={"ping"}), endpoints=[endpoint])
            messages.success(
                request, f"Test delivery queued for '{endpoint}': see its log."
            )
            return redirect(reverse("webhook_deliveries:index") + f"?endpoint={pk}")
        return _confirm_page(
            request,
            title="Send a test delivery",
            subtitle=str(endpoint),
            question=f"Send a signed 'ping' to {endpoint.url}?",
            button="Send test",
            back_url=reverse("webhooks:index"),
        )


class DeliveryLogPolicy(ModelPermissionPolicy):
    """The log is written by the system: nobody adds, edits or deletes entries
    (Resend checks `change_webhookdelivery` itself)."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


class DeliveryIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons += _action_button(
            self.request,
            "lumen_cms.change_webhookdelivery",
            "Resend",
            reverse("webhook_deliveries:resend", args=[instance.pk]),
            priority=40,
        )
        return buttons


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "resubmit"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView
    permission_policy = DeliveryLogPolicy(WebhookDelivery)
    list_display = [
        "created_at",
        "endpoint",
        "changes",
        Column("status", label="Status", accessor="get_status_display"),
        "response_code",
        "attempts",
        "delivered_at",
    ]
    list_filter = ["status", "endpoint"]
    inspect_view_fields = [
        "endpoint",
        "message_id",
        "changes",
        "status",
        "attempts",
        "next_attempt_at",
        "response_code",
        "response_excerpt",
        "last_error",
        "duration_ms",
        "created_at",
        "delivered_at",
        "body",
    ]
    form_fields = ["changes"]  # never editable: the policy refuses add and change

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resend/<int:pk>/", self.resend_view, name="resend"),
        ]

    def resend_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("lumen_cms.change_webhookdelivery"):
            raise PermissionDenied
        delivery = get_object_or_404(
            WebhookDelivery.objects.select_related("endpoint"), pk=pk
        )
        if request.method == "POST":
            with transaction.atomic():
                outbox.resend(delivery)
            messages.success(request, f"Delivery to '{delivery.endpoint}' queued.")
            return redirect("webhook_deliveries:index")
        return _confirm_page(
            request,
            title="Resend delivery",
            subtitle=f"{delivery.changes} → {delivery.endpoint}",
            question=(
                f"Send this delivery ({delivery.get_status_display().lower()}, "
                f"{delivery.attempts} attempts) to {delivery.endpoint.url} again, "
                "with the same id and body?"
            ),
            button="Resend",
            back_url=reverse("webhook_deliveries:index"),
        )
