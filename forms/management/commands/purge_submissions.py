"""Purge submissions past each page's retention (DP acceptances are kept), and
spent form tokens that have expired anyway."""

from django.core.management.base import BaseCommand

from forms import services, spam
from forms.models import DPTermsPage, FormPage


class Command(BaseCommand):
    help = "Purge submissions older than each form page's retention_days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--preview", action="store_true", help="Only count what would be purged."
        )

    def handle(self, preview=False, **options):
        pages = [*FormPage.objects.all(), *DPTermsPage.objects.all()]
        count = services.purge_expired(pages=pages, dry_run=preview)
        verb = "Would purge" if preview else "Purged"
        self.stdout.write(f"{verb} {count} submissions")
        if not preview:
            tokens = spam.purge_spent_tokens()
            self.stdout.write(f"Forgot {tokens} spent form tokens past their lifetime")
