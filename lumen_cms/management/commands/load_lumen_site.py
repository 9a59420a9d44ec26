"""Build the Lumen Cloud site from the shipped seed data; safe to run again.

A re-run creates what is missing and updates only what still holds the seed's own
value; editors' changes are kept and listed. `--reset` restores the seed.
"""

import json
import logging
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import import_string

from django_tasks import task_backends

from lumen_cms.seed import APP_STEPS, site
from lumen_cms.seed.ledger import seed_run
from lumen_cms.seed.report import SeedReport

QUIET_LOGGERS = ("wagtail", "django_tasks")
COLLECTED_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def run_collected_tasks() -> int:
    """Run the tasks the seed queued, each distinct call once; how many ran."""
    backend = task_backends["default"]
    done: set[str] = set()
    for result in backend.results:
        call = json.dumps(
            [result.task.module_path, result.args, result.kwargs],
            sort_keys=True,
            default=str,
        )
        if call not in done:
            done.add(call)
            result.task.call(*result.args, **result.kwargs)
    backend.clear()
    return len(done)


class Command(BaseCommand):
    help = (
        "Create the seeded Lumen Cloud site, or fill what is missing; editors' "
        "changes are kept (--reset restores the seed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Restore the seed's values over editors' changes (asks first). "
            "Legal documents and their versions are never reset.",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before --reset."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change, change nothing.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
        levels = [log.level for log in loggers]
        if options["verbosity"] < 2:
            # A line per page, revision and task drowns the summary; -v 2 shows them.
            for log in loggers:
                log.setLevel(logging.WARNING)
        try:
            reset = options["reset"]
            if reset and not options["yes"] and not self._confirm_reset():
                self.stdout.write("Nothing changed.")
                return
            report = self._load(reset=reset, dry_run=options["dry_run"])
        finally:
            for log, level in zip(loggers, levels, strict=True):
                log.setLevel(level)
        self._print(report, started=started, **options)

    def _load(self, *, reset: bool, dry_run: bool) -> SeedReport:
        # Index and reference updates are collected and run here once per object,
        # not queued by the hundred for the worker (its console is for mail).
        with override_settings(TASKS=COLLECTED_TASKS):
            with seed_run(reset=reset) as run, transaction.atomic():
                home = site.ensure_home()
                site.load_pages(home=home)
                for step in APP_STEPS:
                    import_string(step)(home=home)
                site.load_navigation(home=home)
                if dry_run:
                    transaction.set_rollback(True)
            if not dry_run:
                run_collected_tasks()
        return run.report

    def _confirm_reset(self) -> bool:
        plan = self._load(reset=False, dry_run=True)
        lines = list(plan.lines())
        if not lines:
            return True
        self.stdout.write("--reset replaces what editors changed:")
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            "Legal documents and their published versions are never reset."
        )
        if not sys.stdin.isatty():
            raise CommandError("--reset needs confirmation: add --yes to proceed.")
        answer = input("Restore the seed's values? Type 'yes' to continue: ")
        return answer.strip().lower() == "yes"

    def _print(self, report: SeedReport, *, started: float, **options) -> None:
        if options["verbosity"] < 1:
            return
        verb = "would be loaded" if options["dry_run"] else "loaded"
        self.stdout.write(
            self.style.SUCCESS(
                f"Lumen Cloud site {verb} in {time.monotonic() - started:.2f} s: "
                f"{report.summary()}."
            )
        )
        lines = list(report.lines())
        for line in lines:
            self.stdout.write(line)
        if options["verbosity"] >= 2:
            for label in report.created:
                self.stdout.write(f"  created {label}")
            for label in report.updated:
                self.stdout.write(f"  updated {label}")
        if report.kept_count and not options["reset"]:
            self.stdout.write(
                "Editors' changes are never overwritten; "
                "`manage.py load_lumen_site --reset` restores the seed."
            )
