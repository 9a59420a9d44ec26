"""Outbox delivery: send one queued email, retry with exponential backoff on failure."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from forms import retry
from forms.models import OutboundEmail

POLICY = retry.RetryPolicy(max_attempts=8, max_delay=timedelta(hours=2))
MAX_ATTEMPTS = POLICY.max_attempts


def backoff(attempts: int) -> timedelta:
    return POLICY.delay(attempts)


def schedule(email_id: int, *, run_after=None) -> None:
    """Enqueue delivery; if the queue refuses, the `send_outbox` sweep picks it up."""
    from forms.tasks import deliver_email

    retry.enqueue(deliver_email, email_id, run_after=run_after)


def schedule_on_commit(email_id: int) -> None:
    transaction.on_commit(lambda: schedule(email_id))


def deliver(email_id: int) -> str:
    """Send one email if still queued; returns its new status."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=email_id, status=OutboundEmail.Status.QUEUED)
            .first()
        )
        if email is None:
            return "skipped"
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=email.from_email or settings.DEFAULT_FROM_EMAIL,
            to=email.to,
            reply_to=[email.reply_to] if email.reply_to else None,
        )
        email.attempts += 1
        try:
            message.send(fail_silently=False)
        except Exception as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:500]
            next_attempt_at = POLICY.next_attempt_at(email.attempts, now=timezone.now())
            if next_attempt_at is None:
                email.status = OutboundEmail.Status.FAILED
            else:
                email.next_attempt_at = next_attempt_at
            email.save()
            if email.status == OutboundEmail.Status.QUEUED:
                run_after = email.next_attempt_at
                transaction.on_commit(lambda: schedule(email_id, run_after=run_after))
            return email.status
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save()
        return email.status


def sweep(*, limit: int = 500) -> int:
    """Deliver every due queued email (the periodic safety net)."""
    ids = list(OutboundEmail.objects.due().values_list("pk", flat=True)[:limit])
    for email_id in ids:
        deliver(email_id)
    return len(ids)


def resend(email: OutboundEmail) -> None:
    """Admin action: put a sent or failed email back in the queue."""
    email.status = OutboundEmail.Status.QUEUED
    email.next_attempt_at = timezone.now()
    email.attempts = 0
    email.save(update_fields=["status", "next_attempt_at", "attempts"])
    schedule_on_commit(email.pk)
