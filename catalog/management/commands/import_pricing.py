from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.services import import_pricing

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "pricing"


class Command(BaseCommand):
    help = (
        "Import ctl.io-format price sheets (prices/ and json/) from a folder; "
        "without one, the sheets shipped with the app."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, nargs="?", default=SHIPPED)
        parser.add_argument("--quiet-issues", action="store_true")

    def handle(self, *args, folder: Path, quiet_issues: bool = False, **options):
        if not (folder / "prices").is_dir():
            raise CommandError(f"{folder} has no prices/ folder")
        report = import_pricing(folder=folder)
        if not quiet_issues:
            for issue in report.issues:
                self.stderr.write(f"warning: {issue}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
