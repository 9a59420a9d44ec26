"""Deliver every due webhook (run from cron as a safety net beside the worker)."""

from django.core.management.base import BaseCommand

from lumen_cms.webhooks.outbox import sweep


class Command(BaseCommand):
    help = "Send queued webhook deliveries that are due (and requeue abandoned ones)."

    def handle(self, **options):
        self.stdout.write(f"Processed {sweep()} webhook deliveries")
