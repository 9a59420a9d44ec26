"""Webhook delivery: signatures, timeouts, retries, outages (lumen_cms.webhooks)."""

import base64
import datetime
import hashlib
import hmac
import json
import re
import time
from pathlib import Path

from django.utils import timezone

import pytest

from lumen_cms.models import WebhookDelivery
from lumen_cms.webhooks import outbox, signing
from lumen_cms.webhooks.change_set import ContentChange
from lumen_cms.webhooks.transport import DeliveryTimeout, post

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"
Status = WebhookDelivery.Status


def change(path="/about/", kind="publish"):
    found = ContentChange(kinds={kind}, tags={"page:7"})
    found.add_paths(1, {path})
    return found


def queue(change_set, capture):
    with capture(execute=True):
        return outbox.queue_change(change_set)


def test_signature_is_hmac_sha256_of_id_timestamp_and_body():
    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    headers = signing.headers(secret, message_id="m1", body=b'{"a":1}', timestamp=1700)
    expected = hmac.new(b"k" * 32, b'm1.1700.{"a":1}', hashlib.sha256).digest()
    assert headers == {
        "webhook-id": "m1",
        "webhook-timestamp": "1700",
        "webhook-signature": "v1," + base64.b64encode(expected).decode(),
    }
    signing.verify(secret, headers=headers, body=b'{"a":1}', now=1700)
    for body, now, key in [
        (b'{"a":2}', 1700, secret),  # tampered body
        (b'{"a":1}', 1700 + 301, secret),  # replayed too late
        (b'{"a":1}', 1700, signing.generate_secret()),  # another endpoint's secret
    ]:
        with pytest.raises(signing.InvalidSignature):
            signing.verify(key, headers=headers, body=body, now=now)
    with pytest.raises(signing.InvalidSignature):
        signing.verify(secret, headers={"webhook-id": "m1"}, body=b"", now=1700)


@pytest.mark.parametrize(
    "secret", ["", "plain-text", "whsec_not base64!", "whsec_" + "QUJD" * 2]
)
def test_only_whsec_base64_secrets_of_24_to_64_bytes(secret):
    with pytest.raises(ValueError):
        signing.secret_key(secret)


def test_the_readme_verifier_accepts_real_deliveries_and_rejects_forgeries(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    """The README's receiver example, run as written against a real delivery."""
    section = README.read_text().split("### Verifying a delivery", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README verifier", "exec"), namespace)  # noqa: S102
    verify = namespace["verify"]
    queue(change(), django_capture_on_commit_callbacks)
    headers, body = receiver.requests[0]
    payload = verify(endpoint.secret, headers, body)
    assert payload["changes"] == ["publish"]
    assert payload["id"] == headers["webhook-id"]
    with pytest.raises(ValueError):
        verify(endpoint.secret, headers, body.replace(b"/about/", b"/evil/"))
    with pytest.raises(ValueError):
        verify(signing.generate_secret(), headers, body)


def test_a_delivery_is_signed_json_with_paths_tags_and_sites(
    receiver, endpoint, django_capture_on_commit_callbacks, site
):
    [delivery] = queue(change(), django_capture_on_commit_callbacks)
    [(headers, body)] = receiver.requests
    signing.verify(endpoint.secret, headers=headers, body=body)
    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"] == str(delivery.message_id)
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    payload = json.loads(body)
    assert payload == {
        "type": "content.changed",
        "id": str(delivery.message_id),
        "created_at": payload["created_at"],
        "changes": ["publish"],
        "paths": ["/about/"],
        "tags": ["page:7"],
        "sites": [
            {
                "id": 1,
                "hostname": site.hostname,
                "root_url": site.root_url,
                "all_paths": False,
                "paths": ["/about/"],
            }
        ],
    }
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
    assert delivery.response_code == 204
    assert delivery.attempts == 1
    assert delivery.body.encode() == body


def test_a_slow_receiver_is_cut_off_at_the_timeout_and_retried_later(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_TIMEOUT = 0.5
    receiver.delay = 3
    started = time.monotonic()
    [delivery] = queue(change(), django_capture_on_commit_callbacks)
    assert time.monotonic() - started < 2
    delivery.refresh_from_db()
    assert delivery.status == Status.QUEUED
    assert delivery.attempts == 1
    assert "DeliveryTimeout" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=20)


def test_a_receiver_trickling_its_answer_is_cut_off_too(receiver):
    """Each header line arrives within the socket timeout; the whole does not."""
    receiver.trickle = 0.3
    started = time.monotonic()
    with pytest.raises(DeliveryTimeout):
        post(receiver.url, body=b"{}", headers={}, timeout=1.0)
    assert time.monotonic() - started < 2


def test_an_error_answer_is_retried_with_backoff_then_given_up(
    receiver, endpoint, django_capture_on_commit_callbacks, monkeypatch
):
    receiver.status = 500
    clock = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: clock)
    [delivery] = queue(change(), django_capture_on_commit_callbacks)
    for attempt in range(2, outbox.POLICY.max_attempts + 1):
        delivery.refresh_from_db()
        assert delivery.status == Status.QUEUED, delivery.last_error
        assert delivery.response_code == 500, delivery.last_error
        assert delivery.last_error == "HTTP 500"
        wait = delivery.next_attempt_at - clock
        assert wait == outbox.POLICY.delay(attempt - 1)
        clock = delivery.next_attempt_at
        monkeypatch.setattr(timezone, "now", lambda c=clock: c)
        assert outbox.sweep() == 1
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert delivery.attempts == outbox.POLICY.max_attempts
    assert len(receiver.requests) == outbox.POLICY.max_attempts
    assert datetime.timedelta(hours=24) < outbox.POLICY.total_delay()


def test_outage_every_change_made_meanwhile_arrives_exactly_once_after(
    endpoint, receiver, django_capture_on_commit_callbacks, monkeypatch
):
    receiver.stop()  # the front end is down: its port refuses connections
    paths = [f"/page-{n}/" for n in range(6)]
    for path in paths:
        queue(change(path), django_capture_on_commit_callbacks)
    deliveries = list(WebhookDelivery.objects.order_by("pk"))
    assert len(deliveries) == 6
    assert {d.status for d in deliveries} == {Status.QUEUED}
    assert all("Connection" in d.last_error for d in deliveries)
    assert outbox.sweep() == 0  # nothing due yet: backoff
    receiver.start()
    later = timezone.now() + outbox.POLICY.delay(1) + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    outbox.sweep()
    outbox.sweep()
    for delivery in deliveries:
        outbox.deliver(delivery.pk)  # late duplicate tasks find nothing to do
    assert sorted(path for body in receiver.bodies() for path in body["paths"]) == (
        sorted(paths)
    )
    ids = [headers["webhook-id"] for headers, _ in receiver.requests]
    assert sorted(ids) == sorted(str(d.message_id) for d in deliveries)
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"sent"}


def test_a_delivery_that_gets_through_releases_the_backlog_at_once(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.stop()
    for n in range(3):
        queue(change(f"/old-{n}/"), django_capture_on_commit_callbacks)
    receiver.start()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue_change(change("/new/"))
    assert len(receiver.requests) == 4
    assert WebhookDelivery.objects.filter(status=Status.SENT).count() == 4


def test_the_sweep_probes_a_waiting_backlog_so_it_need_not_wait_for_backoff(
    endpoint, receiver, django_capture_on_commit_callbacks, monkeypatch
):
    receiver.stop()
    for n in range(3):
        queue(change(f"/old-{n}/"), django_capture_on_commit_callbacks)
    an_hour = timezone.now() + datetime.timedelta(hours=1)
    WebhookDelivery.objects.update(next_attempt_at=an_hour)  # a later backoff step
    assert outbox.probe_backlogs() == 0  # tried less than a minute ago
    later = timezone.now() + datetime.timedelta(seconds=61)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert outbox.probe_backlogs() == 1  # still down: one request, not an attempt
    assert len(receiver.requests) == 0
    assert sorted(WebhookDelivery.objects.values_list("attempts", flat=True)) == [
        1,
        1,
        1,
    ]
    receiver.start()
    even_later = later + datetime.timedelta(seconds=61)
    monkeypatch.setattr(timezone, "now", lambda: even_later)
    outbox.sweep()
    assert len(receiver.requests) == 3
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"sent"}


def test_two_workers_never_send_the_same_delivery(endpoint, receiver, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    [delivery] = outbox.queue_change(change())
    delivery = WebhookDelivery.objects.get(message_id=delivery.message_id)
    assert outbox.claim(delivery.pk) is True
    assert outbox.deliver(delivery.pk) == "skipped"  # the other worker
    assert receiver.requests == []


def test_a_worker_that_died_mid_send_is_picked_up_by_the_sweep(
    endpoint, receiver, settings, monkeypatch
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    outbox.queue_change(change())
    delivery = WebhookDelivery.objects.get()
    assert outbox.claim(delivery.pk)
    assert outbox.sweep() == 0
    later = timezone.now() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert outbox.sweep() == 1
    assert len(receiver.requests) == 1


def test_resend_sends_the_same_message_again(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    [delivery] = queue(change(), django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get(pk=delivery.pk)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.resend(delivery)
    first, second = receiver.requests
    assert first[1] == second[1]
    assert first[0]["webhook-id"] == second[0]["webhook-id"]


def test_a_url_that_is_not_http_is_a_failed_attempt_not_a_crash(
    endpoint, django_capture_on_commit_callbacks
):
    endpoint.url = "ftp://files.example/hook"
    endpoint.save()
    [delivery] = queue(change(), django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.status == Status.QUEUED
    assert "Not an http(s) URL" in delivery.last_error


def test_the_endpoint_down_for_good_means_no_hang_for_the_caller(
    endpoint, django_capture_on_commit_callbacks, settings
):
    """Unroutable address: the timeout bounds the attempt."""
    settings.WEBHOOK_TIMEOUT = 0.5
    endpoint.url = "http://10.255.255.1:9/hook"
    endpoint.save()
    started = time.monotonic()
    queue(change(), django_capture_on_commit_callbacks)
    assert time.monotonic() - started < 3
    assert WebhookDelivery.objects.get().status == Status.QUEUED
