"""Outbox delivery: send one queued email, retry with exponential backoff on failure."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from forms.models import OutboundEmail

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=2)


def backoff(attempts: int) -> timedelta:
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def schedule(email_id: int, *, run_after=None) -> None:
    """Enqueue delivery; if the queue refuses, the `send_outbox` sweep picks it up."""
    from django_tasks import default_task_backend

    from forms.tasks import deliver_email

    try:
        task = deliver_email
        if run_after is not None:
            if not default_task_backend.supports_defer:
                return
            task = deliver_email.using(run_after=run_after)
        task.enqueue(email_id)
    except Exception:
        log.exception("Could not enqueue outbound email %s", email_id)


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
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.FAILED
            else:
                email.next_attempt_at = timezone.now() + backoff(email.attempts)
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
