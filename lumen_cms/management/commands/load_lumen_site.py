"""Build the whole Lumen Cloud site from the shipped seed data; safe to run again."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from lumen_cms.seed import APP_STEPS, site


class Command(BaseCommand):
    help = "Create or update the seeded Lumen Cloud site (idempotent)."

    def handle(self, *args, **options):
        started = time.monotonic()
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        if options["verbosity"] < 2:
            # One line per page and revision drowns the summary; -v 2 shows them.
            wagtail_log.setLevel(logging.WARNING)
        try:
            with transaction.atomic():
                home = site.ensure_home()
                site.load_pages(home=home)
                for step in APP_STEPS:
                    import_string(step)(home=home)
                site.load_navigation(home=home)
        finally:
            wagtail_log.setLevel(level)
        self.stdout.write(
            self.style.SUCCESS(
                f"Lumen Cloud site loaded in {time.monotonic() - started:.2f} s."
            )
        )
