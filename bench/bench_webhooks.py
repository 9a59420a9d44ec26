"""Webhook outage: a front end is down while editors publish, then comes back.

Production settings, PostgreSQL, Redis, the seeded site, two `db_worker` processes
running throughout. A webhook endpoint points at a local port where nothing listens;
N pages are published one after another (N changes, N deliveries, each refused and
retried with backoff for the outage). Then a receiver starts on that port and
`send_webhooks` runs once a minute beside the workers, as cron would: its probe
gets through and releases the backlog. Counted at the receiver: deliveries per id
(exactly once?), valid signatures, and how long after its return all had arrived.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg
import redis

from bench.harness import REDIS_URL, ROOT, free_port, manage, server_env, temp_database
from lumen_cms.webhooks import signing

CHANGES = int(os.environ.get("BENCH_WEBHOOK_CHANGES", "40"))
OUTAGE = float(os.environ.get("BENCH_WEBHOOK_OUTAGE", "300"))  # seconds
CRON_INTERVAL = 60
SECRET = signing.generate_secret()
PUBLISH = """
from wagtail.models import Page
pages = list(Page.objects.live().filter(depth__gt=2).order_by("path"))
for n in range({n}):
    page = pages[n % len(pages)].specific
    page.title = page.title + " "
    page.save_revision().publish()
"""
ENDPOINT = """
from lumen_cms.models import WebhookEndpoint
WebhookEndpoint.objects.create(name="bench", url="{url}", secret="{secret}")
"""


class Received:
    def __init__(self) -> None:
        self.ids: collections.Counter = collections.Counter()
        self.bad_signatures = 0
        self.first_at: float | None = None
        self.last_at: float | None = None
        self.lock = threading.Lock()


def _receiver(port: int, received: Received) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = {k.lower(): v for k, v in self.headers.items()}
            with received.lock:
                try:
                    signing.verify(SECRET, headers=headers, body=body)
                except signing.InvalidSignature:
                    received.bad_signatures += 1
                received.ids[headers.get("webhook-id")] += 1
                now = time.monotonic()
                received.first_at = received.first_at or now
                received.last_at = now
            json.loads(body)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _cron(env: dict[str, str], stop: threading.Event) -> None:
    """`send_webhooks` once a minute, beside the workers, as a crontab would."""
    while not stop.is_set():
        manage("send_webhooks", env=env)
        stop.wait(CRON_INTERVAL)


def _statuses(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT status, count(*), sum(attempts) FROM lumen_cms_webhookdelivery "
            "GROUP BY status"
        ).fetchall()
    counts = {status: count for status, count, _ in rows}
    counts["attempts"] = sum(attempts for _, _, attempts in rows)
    return counts


def _wait(url: str, done, *, limit: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if done(_statuses(url)):
            return time.monotonic() - started
        time.sleep(0.25)
    raise RuntimeError(f"not done within {limit:.0f} s: {_statuses(url)}")


def run() -> list[str]:
    cache = redis.Redis.from_url(REDIS_URL)
    prefix = os.environ.get("BENCH_DB_PREFIX", "lumen_bench")
    port = int(os.environ.get("BENCH_RECEIVER_PORT", "0")) or free_port()
    received = Received()
    with temp_database(f"{prefix}_webhooks") as url:
        env = server_env(url, WEBHOOK_TIMEOUT="5")
        manage("migrate", "--noinput", env=env)
        manage("load_lumen_site", env=env)
        cache.flushdb()
        hook_url = f"http://127.0.0.1:{port}/revalidate"
        manage("shell", "-c", ENDPOINT.format(url=hook_url, secret=SECRET), env=env)
        worker = [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
        workers = [
            subprocess.Popen(  # noqa: S603 - our interpreter and manage.py
                [*worker, "--no-startup-delay", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        server = None
        try:
            started = time.monotonic()
            manage("shell", "-c", PUBLISH.format(n=CHANGES), env=env)
            publish_seconds = time.monotonic() - started
            refused_after = _wait(
                url,
                lambda s: s.get("queued", 0) == CHANGES and s["attempts"] >= CHANGES,
                limit=120,
            )
            time.sleep(max(0.0, OUTAGE - (time.monotonic() - started)))
            down = _statuses(url)
            server = _receiver(port, received)
            back = time.monotonic()
            stop_cron = threading.Event()
            cron = threading.Thread(target=_cron, args=(env, stop_cron), daemon=True)
            cron.start()
            _wait(url, lambda s: s.get("sent", 0) == CHANGES, limit=300)
            all_sent = time.monotonic() - back
            stop_cron.set()
            cron.join(timeout=120)
            time.sleep(3)  # anything sent twice would arrive now
            final = _statuses(url)
        finally:
            for process in workers:
                process.terminate()
                process.wait(timeout=30)
            if server is not None:
                server.shutdown()
                server.server_close()
            cache.flushdb()
    duplicates = sum(1 for count in received.ids.values() if count > 1)
    exactly_once = (
        len(received.ids) == CHANGES
        and not duplicates
        and sum(received.ids.values()) == CHANGES
    )
    first = (received.first_at or back) - back
    return [
        f"{CHANGES} pages published one by one while the front end was down "
        f"({publish_seconds:.1f} s; {CHANGES} deliveries queued); 2 db_workers, "
        f"load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
        f"front end down for {OUTAGE:.0f} s: {down.get('queued', 0)} deliveries "
        f"queued, {down['attempts']} attempts refused (all tried within "
        f"{refused_after:.1f} s of the publishes, then by backoff), none lost",
        f"front end back, send_webhooks every {CRON_INTERVAL} s beside the 2 "
        f"workers: first delivery after "
        f"{first:.1f} s, all {final.get('sent', 0)} sent after {all_sent:.1f} s",
        f"received {sum(received.ids.values())} POSTs for {len(received.ids)} ids, "
        f"duplicates {duplicates}, bad signatures {received.bad_signatures}: "
        + (
            "every change delivered exactly once"
            if exactly_once
            else "NOT exactly once"
        )
        + f"; {final['attempts']} attempts in all",
    ]
