"""Webhook deliveries: one row per change and endpoint, sent by the task worker.

Same outbox pattern as the forms' mail (shared schedule in `forms.retry`), with two
differences a slow or absent receiver calls for: a delivery is *claimed* by an
atomic status update before the POST, so two workers can never both send it and no
transaction stays open during the request; and a delivery that gets through
releases the endpoint's backlog at once, instead of leaving it to the backoff clock.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Site

from forms import retry
from lumen_cms.models import WebhookDelivery, WebhookEndpoint
from lumen_cms.webhooks import signing, transport
from lumen_cms.webhooks.change_set import ContentChange

log = logging.getLogger(__name__)

# 30 s doubling, at most 6 h apart, 14 attempts: retried for about 26 hours.
POLICY = retry.RetryPolicy(max_attempts=14, max_delay=timedelta(hours=6))
ACTIVE_KEY = "lumen-webhooks:active-endpoints"
PROBE_INTERVAL = timedelta(minutes=1)
Status = WebhookDelivery.Status


def active_endpoints() -> list[WebhookEndpoint]:
    """Active endpoints; an empty answer is cached, so sites without webhooks pay
    one cache read per change."""
    if cache.get(ACTIVE_KEY) == 0:
        return []
    endpoints = list(WebhookEndpoint.objects.filter(is_active=True))
    if not endpoints:
        cache.set(ACTIVE_KEY, 0, timeout=None)
    return endpoints


def endpoints_changed() -> None:
    cache.delete(ACTIVE_KEY)


def queue_change(
    change: ContentChange, *, endpoints: list[WebhookEndpoint] | None = None
) -> list[WebhookDelivery]:
    """Write one delivery per interested endpoint and queue it for the worker."""
    endpoints = active_endpoints() if endpoints is None else endpoints
    if not endpoints or not change:
        return []
    sites = Site.objects.in_bulk(change.site_ids)
    now = timezone.now()
    deliveries = []
    for endpoint in endpoints:
        part = change.for_site(endpoint.site_id)
        if part is None:
            continue
        delivery = WebhookDelivery(
            endpoint=endpoint, created_at=now, next_attempt_at=now
        )
        body = part.body(
            message_id=str(delivery.message_id),
            created_at=now.isoformat().replace("+00:00", "Z"),
            sites=sites,
        )
        delivery.changes = ", ".join(body["changes"])[:200]
        delivery.body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        deliveries.append(delivery)
    if not deliveries:
        return []
    with transaction.atomic():
        WebhookDelivery.objects.bulk_create(deliveries)
        # Primary keys are not returned by bulk_create on every database.
        ids = list(
            WebhookDelivery.objects.filter(
                message_id__in=[d.message_id for d in deliveries]
            ).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: [schedule(pk) for pk in ids])
    return deliveries


def schedule(delivery_id: int, *, run_after=None) -> None:
    from lumen_cms.webhooks.tasks import deliver_webhook

    retry.enqueue(deliver_webhook, delivery_id, run_after=run_after)


def claim(delivery_id: int, *, probe: bool = False) -> bool:
    """Take a due delivery for this worker (one conditional UPDATE). A probe takes
    it before it is due and does not count as an attempt."""
    now = timezone.now()
    rows = WebhookDelivery.objects.filter(pk=delivery_id, status=Status.QUEUED)
    changes: dict = {"status": Status.SENDING, "claimed_at": now}
    if not probe:
        rows = rows.filter(next_attempt_at__lte=now)
        changes["attempts"] = F("attempts") + 1
    return bool(rows.update(**changes))


def deliver(delivery_id: int, *, probe: bool = False) -> str:
    """Send one due delivery; returns its new status ("skipped" if not ours)."""
    if not claim(delivery_id, probe=probe):
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    error = _post(delivery)
    now = timezone.now()
    delivery.last_error = error
    if not error:
        delivery.status = Status.SENT
        delivery.delivered_at = now
    elif probe:
        delivery.status = Status.QUEUED  # its scheduled retry stays as it was
    else:
        next_attempt_at = POLICY.next_attempt_at(delivery.attempts, now=now)
        if next_attempt_at is None:
            delivery.status = Status.FAILED
        else:
            delivery.status = Status.QUEUED
            delivery.next_attempt_at = next_attempt_at
    delivery.save(
        update_fields=[
            "status",
            "next_attempt_at",
            "response_code",
            "response_excerpt",
            "last_error",
            "duration_ms",
            "delivered_at",
        ]
    )
    if delivery.status == Status.QUEUED and not probe:
        schedule(delivery.pk, run_after=delivery.next_attempt_at)
    elif delivery.status == Status.SENT:
        release_backlog(delivery.endpoint_id)
    return delivery.status


def _post(delivery: WebhookDelivery) -> str:
    """POST the delivery once, recording the answer on it; the error, or ""."""
    body = delivery.body.encode()
    started = time.monotonic()
    try:
        headers = signing.headers(
            delivery.endpoint.secret, message_id=str(delivery.message_id), body=body
        )
        result = transport.post(
            delivery.endpoint.url,
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT,
        )
        error = "" if 200 <= result.status < 300 else f"HTTP {result.status}"
        delivery.response_code = result.status
        delivery.response_excerpt = result.excerpt[:500]
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__
        delivery.response_code = None
        delivery.response_excerpt = ""
    delivery.duration_ms = int((time.monotonic() - started) * 1000)
    return error


def release_backlog(endpoint_id: int) -> int:
    """The endpoint answers again: make its waiting deliveries due now."""
    now = timezone.now()
    waiting = WebhookDelivery.objects.filter(
        endpoint_id=endpoint_id, status=Status.QUEUED, next_attempt_at__gt=now
    )
    ids = list(waiting.values_list("pk", flat=True)[:500])
    if ids:
        WebhookDelivery.objects.filter(pk__in=ids, status=Status.QUEUED).update(
            next_attempt_at=now
        )
        for pk in ids:
            schedule(pk)
    return len(ids)


def release_stale_claims() -> int:
    """Deliveries whose worker died mid-send go back to the queue."""
    limit = timezone.now() - timedelta(seconds=settings.WEBHOOK_TIMEOUT * 3 + 60)
    return WebhookDelivery.objects.filter(
        status=Status.SENDING, claimed_at__lt=limit
    ).update(status=Status.QUEUED, next_attempt_at=timezone.now())


def probe_backlogs() -> int:
    """Try each endpoint's oldest waiting delivery early, once its last try is a
    PROBE_INTERVAL old (not counted as an attempt): a front end that is back gets
    its backlog within one sweep instead of at the next backoff step, which may
    be hours away."""
    now = timezone.now()
    waiting = WebhookDelivery.objects.filter(
        status=Status.QUEUED, next_attempt_at__gt=now
    ).order_by("endpoint_id", "created_at", "pk")
    oldest: dict[int, tuple[int, object]] = {}
    for pk, endpoint_id, claimed_at in waiting.values_list(
        "pk", "endpoint_id", "claimed_at"
    ):
        oldest.setdefault(endpoint_id, (pk, claimed_at))
    probed = 0
    for pk, claimed_at in oldest.values():
        if claimed_at is None or claimed_at <= now - PROBE_INTERVAL:
            deliver(pk, probe=True)
            probed += 1
    return probed


def sweep(*, limit: int = 500) -> int:
    """The periodic safety net (`manage.py send_webhooks`): requeue abandoned
    claims, probe waiting backlogs, deliver everything due."""
    release_stale_claims()
    probe_backlogs()
    ids = list(WebhookDelivery.objects.due().values_list("pk", flat=True)[:limit])
    for delivery_id in ids:
        deliver(delivery_id)
    return len(ids)


def resend(delivery: WebhookDelivery) -> None:
    """Admin action: send a sent or failed delivery again (same id and body)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).exclude(
        status=Status.SENDING
    ).update(status=Status.QUEUED, next_attempt_at=timezone.now(), attempts=0)
    transaction.on_commit(lambda: schedule(delivery.pk))
