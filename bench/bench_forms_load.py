"""Form reliability under load: 200 visitors submit the Contact form at once against
gunicorn (4 workers, production settings, PostgreSQL, Redis) while SMTP is down; the
outbox worker then fails to send; an SMTP sink comes up on the same port and the
workers deliver. Counted: stored submissions, 5xx, emails received per submission.

Each visitor behaves like a browser behind a TLS proxy: it GETs the form, takes the
CSRF cookie, CSRF token and signed form token from the page, waits out the form's
minimum fill-in time, then POSTs. The per-IP rate limit is raised for the run through
FORMS_RATE_LIMIT_POSTS (all visitors share 127.0.0.1); no check is switched off.
"""

from __future__ import annotations

import collections
import mailbox
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import redis
import requests

from bench.harness import (
    REDIS_URL,
    ROOT,
    free_port,
    gunicorn,
    manage,
    server_env,
    temp_database,
)

VISITORS = int(os.environ.get("BENCH_FORM_VISITORS", "200"))
WORKERS = 4
FORM_PATH = "/contact-us/"
MIN_FILL_SECONDS = 2.2  # the form refuses posts sooner than 2 s after the GET
MARK = re.compile(r"bench-visitor-(\d+)")


class FormReader(HTMLParser):
    """The fields of the first POST form: hidden values and what a person fills."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, dict[str, str]] = {}
        self.in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "form" and attributes.get("method", "").lower() == "post":
            self.in_form = True
        elif self.in_form and tag in {"input", "textarea", "select"}:
            name = attributes.get("name")
            if name and name not in self.fields:
                self.fields[name] = {"tag": tag, **attributes}

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False


def fill(fields: dict[str, dict[str, str]], number: int) -> dict[str, str]:
    data = {}
    for name, field in fields.items():
        kind = field.get("type", field["tag"])
        if kind == "hidden":
            data[name] = field.get("value", "")
        elif name == "website_url":  # the honeypot: people leave it empty
            data[name] = ""
        elif kind == "email":
            data[name] = f"visitor{number}@example.com"
        elif kind in {"checkbox", "radio"}:
            data[name] = field.get("value", "on")
        elif kind in {"submit", "button"}:
            continue
        else:
            data[name] = f"bench-visitor-{number}"
    return data


def visit(base: str, number: int, start: threading.Barrier) -> tuple[int, int]:
    """(GET status, POST status) of one visitor."""
    proxy = {"X-Forwarded-Proto": "https"}  # TLS ends at the proxy, as in production
    start.wait()
    page = requests.get(base + FORM_PATH, headers=proxy, timeout=120)
    opened = time.monotonic()
    if page.status_code != 200:
        return page.status_code, 0
    reader = FormReader()
    reader.feed(page.text)
    data = fill(reader.fields, number)
    time.sleep(max(0.0, MIN_FILL_SECONDS - (time.monotonic() - opened)))
    origin = "https://" + base.split("://", 1)[1]
    response = requests.post(
        base + FORM_PATH,
        data=data,
        headers={
            **proxy,
            "Origin": origin,
            "Referer": origin + FORM_PATH,
            # Sent by hand: the cookie may be Secure and this hop is plain HTTP.
            "Cookie": f"csrftoken={page.cookies.get('csrftoken', '')}",
        },
        timeout=120,
        allow_redirects=False,
    )
    return page.status_code, response.status_code


def submit_all(base: str) -> tuple[collections.Counter, float]:
    start = threading.Barrier(VISITORS)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=VISITORS) as pool:
        futures = [pool.submit(visit, base, n, start) for n in range(VISITORS)]
        statuses = collections.Counter()
        for future in futures:
            try:
                get_status, post_status = future.result()
            except requests.RequestException as error:
                statuses[f"error {type(error).__name__}"] += 1
                continue
            statuses[f"GET {get_status}"] += 1
            statuses[f"POST {post_status}"] += 1
    return statuses, time.monotonic() - started


def db_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT status, count(*), sum(attempts) FROM forms_outboundemail "
            "GROUP BY status"
        ).fetchall()
        submissions = conn.execute("SELECT count(*) FROM forms_submission").fetchone()
    counts = {"submissions": submissions[0]}
    for status, count, attempts in rows:
        counts[f"mail {status}"] = count
        counts[f"attempts {status}"] = attempts
    return counts


def run_workers(env: dict[str, str], *, sweep: bool) -> None:
    """Two task workers (and the cron sweep) at once: nothing may be sent twice."""
    worker = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",
        "--queue-name",
        "*",
        "--no-startup-delay",
    ]
    processes = [
        subprocess.Popen(  # noqa: S603
            worker,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    if sweep:
        manage("send_outbox", env=env)
    for process in processes:
        process.wait(timeout=900)


def wait_for_backoff(url: str, *, limit: float = 300) -> None:
    """Until every queued email is due again (first retry: 30 s after the failure)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with psycopg.connect(url) as conn:
            waiting = conn.execute(
                "SELECT count(*) FROM forms_outboundemail "
                "WHERE status = 'queued' AND next_attempt_at > now()"
            ).fetchone()[0]
        if not waiting:
            return
        time.sleep(1)


def count_sink(maildir: Path) -> collections.Counter:
    """How many messages arrived per visitor."""
    received: collections.Counter = collections.Counter()
    for message in mailbox.Maildir(maildir, create=False):
        payload = message.get_payload(decode=True) or b""
        found = MARK.search(payload.decode("utf-8", "replace"))
        received[int(found.group(1)) if found else -1] += 1
    return received


def run() -> list[str]:
    smtp_port = free_port()  # nothing listens here until the sink starts
    cache = redis.Redis.from_url(REDIS_URL)
    with (
        temp_database("lumen_bench_forms") as url,
        tempfile.TemporaryDirectory() as tmp,
    ):
        env = server_env(
            url,
            EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
            FORMS_RATE_LIMIT_POSTS=str(VISITORS * 2),
        )
        manage("migrate", "--noinput", env=env)
        manage("load_lumen_site", env=env)
        cache.flushdb()
        with gunicorn(env, workers=WORKERS) as base:
            statuses, elapsed = submit_all(base)
        stored = db_counts(url)
        run_workers(env, sweep=False)  # SMTP is down: every send fails
        after_outage = db_counts(url)
        maildir = Path(tmp) / "maildir"
        sink = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{smtp_port}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(maildir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(1.5)
            wait_for_backoff(url)
            run_workers(env, sweep=True)
            delivered = db_counts(url)
            received = count_sink(maildir)
        finally:
            sink.terminate()
            sink.wait(timeout=30)
        cache.flushdb()
    five_xx = sum(n for key, n in statuses.items() if re.search(r" 5\d\d$", key))
    per_visitor = collections.Counter(received[n] for n in range(VISITORS))
    duplicates = sum(1 for n in range(VISITORS) if received[n] > 1)
    missing = sum(1 for n in range(VISITORS) if received[n] == 0)
    exactly_once = not duplicates and not missing and sum(received.values()) == VISITORS
    return [
        f"{VISITORS} visitors at once (GET form, wait {MIN_FILL_SECONDS} s, POST), "
        f"gunicorn {WORKERS} workers, SMTP down: {elapsed:.1f} s",
        "responses: " + ", ".join(f"{k} x{v}" for k, v in sorted(statuses.items())),
        f"stored submissions: {stored['submissions']} of {VISITORS} "
        f"(lost {VISITORS - stored['submissions']}); 5xx responses: {five_xx}",
        f"outbox after the submissions: {_mail(stored)}",
        f"after the workers ran with SMTP down: {_mail(after_outage)}",
        f"after the SMTP sink came up (2 workers + send_outbox at once): "
        f"{_mail(delivered)}",
        f"received at the sink: {sum(received.values())} messages; per submission "
        + ", ".join(f"{k} mail(s) x{v}" for k, v in sorted(per_visitor.items()))
        + f"; duplicates {duplicates}, missing {missing}: "
        + ("every mail delivered exactly once" if exactly_once else "NOT exactly once"),
    ]


def _mail(counts: dict[str, int]) -> str:
    parts = [
        f"{key.split()[1]} {value} ({counts.get('attempts ' + key.split()[1], 0)} "
        "attempts)"
        for key, value in sorted(counts.items())
        if key.startswith("mail ")
    ]
    return ", ".join(parts) or "no mail"
