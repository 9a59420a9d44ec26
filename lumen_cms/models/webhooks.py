"""Publish webhooks: front-end endpoints editors register, and the log of deliveries.

A delivery row is the outbox entry for one change and one endpoint: it is written
when the change commits, sent by the task worker, retried with backoff, and kept as
the admin's delivery log (status, response code, Resend).
"""

import uuid

from django.db import models
from django.utils import timezone


class WebhookEndpoint(models.Model):
    """A front end that is told about every content change (signed POST)."""

    name = models.CharField(max_length=100, help_text="E.g. 'Next.js production'.")
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="Receives a signed JSON POST for every content change.",
    )
    secret = models.CharField(
        max_length=200,
        help_text="Signing secret (whsec_ followed by base64). Never shown again.",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only changes of this site. Empty: every site.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Inactive endpoints receive nothing."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook"

    def __str__(self) -> str:
        return self.name

    @property
    def secret_hint(self) -> str:
        """Enough of the secret to tell two apart, never enough to use it."""
        return f"whsec_…{self.secret[-4:]}" if self.secret else ""


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Queued deliveries whose next attempt time has come."""
        return self.filter(
            status=WebhookDelivery.Status.QUEUED,
            next_attempt_at__lte=now or timezone.now(),
        ).order_by("next_attempt_at", "pk")


class WebhookDelivery(models.Model):
    """One signed POST of one change to one endpoint, with its retry state."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    changes = models.CharField(max_length=200, help_text="Kinds of change.")
    body = models.TextField(help_text="The JSON body, exactly as signed and sent.")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.changes} → {self.endpoint}"
