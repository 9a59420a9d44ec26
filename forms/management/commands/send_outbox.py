"""Deliver every due queued email (run from cron as a safety net beside the worker)."""

from django.core.management.base import BaseCommand

from forms.outbox import sweep


class Command(BaseCommand):
    help = "Send queued outbound emails that are due."

    def handle(self, **options):
        self.stdout.write(f"Processed {sweep()} queued emails")
