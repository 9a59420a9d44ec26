"""Export 100,000 submissions: Lumen's streaming export vs Wagtail's built-in one.

Time (wall clock, no tracing) and peak Python memory (tracemalloc, separate pass) for
CSV and XLSX, through the admin listing views with the same filters. Rows:
BENCH_EXPORT_ROWS (default 100000).
"""

from __future__ import annotations

import os
import time
import tracemalloc


def _setup():
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)


def _make_page(rows: int):
    import datetime

    from django.utils import timezone

    from wagtail.models import Site

    from forms.models import FormField, FormPage, Submission

    home = Site.objects.get(is_default_site=True).root_page
    page = FormPage(title="Bench", slug="bench-export", to_address="a@example.com")
    page.form_fields = [
        FormField(label=label, field_type=kind)
        for label, kind in [
            ("Name", "singleline"),
            ("Email", "email"),
            ("Company", "singleline"),
            ("Phone", "singleline"),
            ("Message", "multiline"),
        ]
    ]
    home.add_child(instance=page)
    start = timezone.now() - datetime.timedelta(days=1)
    batch = []
    for i in range(rows):
        batch.append(
            Submission(
                page=page,
                email=f"user{i}@example.com",
                form_data={
                    "name": f"User {i}",
                    "email": f"user{i}@example.com",
                    "company": "=cmd|' /C calc'!A0" if i % 97 == 0 else f"Company {i}",
                    "phone": "+1 555 0100",
                    "message": "Hello, I would like to know more about Lumen Cloud. "
                    * 3,
                },
            )
        )
        if len(batch) == 5000:
            Submission.objects.bulk_create(batch)
            batch = []
    Submission.objects.bulk_create(batch)
    Submission.objects.update(submit_time=start)
    return page


def _consume(response) -> int:
    if getattr(response, "streaming", False):
        size = sum(len(c) for c in response.streaming_content)
    else:
        size = len(response.content)
    response.close()
    return size


def _export(view_class, page, user, fmt: str) -> int:
    from django.test import RequestFactory

    request = RequestFactory().get(f"/admin/forms/submissions/{page.pk}/?export={fmt}")
    request.user = user
    return _consume(view_class.as_view()(request, form_page=page))


def _measure(view_class, page, user, fmt: str) -> tuple[float, float, int]:
    started = time.perf_counter()
    size = _export(view_class, page, user, fmt)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    _export(view_class, page, user, fmt)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6, size


def run() -> list[str]:
    _setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.contrib.forms.views import SubmissionsListView

    from forms.views import StreamingSubmissionsListView

    rows = int(os.environ.get("BENCH_EXPORT_ROWS", "100000"))
    page = _make_page(rows)
    user = get_user_model().objects.create_superuser("bench", "b@example.com", "pw")
    lines = [f"rows: {rows} submissions, 5 fields, database {connection.vendor}"]
    for fmt in ("csv", "xlsx"):
        w_s, w_mb, w_size = _measure(SubmissionsListView, page, user, fmt)
        o_s, o_mb, o_size = _measure(StreamingSubmissionsListView, page, user, fmt)
        with CaptureQueriesContext(connection) as ctx:
            _export(StreamingSubmissionsListView, page, user, fmt)
        lines.append(
            f"{fmt}: wagtail {w_s:.2f} s / {w_mb:.1f} MB peak "
            f"({w_size / 1e6:.1f} MB out); "
            f"lumen {o_s:.2f} s / {o_mb:.1f} MB peak ({o_size / 1e6:.1f} MB out); "
            f"time ratio {o_s / w_s:.3f} (target <= 0.333), "
            f"peak {'OK' if o_mb <= 50 else 'OVER'} (target <= 50 MB), "
            f"{len(ctx.captured_queries)} queries"
        )
    return lines
