"""Export a form page's submissions to CSV or XLSX, streaming, with a progress bar."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tqdm import tqdm

from forms import export
from forms.api import form_page_for
from forms.models import Submission


class Command(BaseCommand):
    help = "Export the submissions of the form page with this slug."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True)
        parser.add_argument("--since", help="YYYY-MM-DD (inclusive)")

    def handle(self, slug, format, output, since=None, **options):
        from django.http import Http404

        try:
            page = form_page_for(slug)
        except Http404:
            raise CommandError(f"No live form page with slug {slug!r}.") from None
        queryset = Submission.objects.filter(page=page).order_by("submit_time")
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError:
                raise CommandError("--since must be YYYY-MM-DD.") from None
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
            queryset = queryset.filter(submit_time__gte=start)
        total = queryset.count()
        rows = export.iter_rows(page, queryset)
        progress = tqdm(total=total, unit="rows", file=self.stderr._out, disable=None)

        def counted():
            yield next(rows)
            for row in rows:
                progress.update(1)
                yield row

        if format == "xlsx":
            with open(output, "wb") as fh:
                export.write_xlsx(counted(), fh)
        else:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                export.write_csv(counted(), fh)
        progress.close()
        self.stdout.write(f"Exported {total} submissions to {output}")
