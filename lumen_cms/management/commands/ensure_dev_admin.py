"""Create the laptop admin and print its login; refused on production settings."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEV_USERNAME = "admin"
DEV_PASSWORD = "lumen-dev-admin"  # noqa: S105 - printed on purpose, DEBUG only


class Command(BaseCommand):
    help = "Create a development superuser if none exists; print the login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin runs only with DEBUG on.")
        users = get_user_model().objects
        admin = users.filter(username=DEV_USERNAME).first()
        if admin is None and not users.filter(is_superuser=True).exists():
            admin = users.create_superuser(
                DEV_USERNAME, "admin@lumen.example", DEV_PASSWORD
            )
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        if admin is not None and admin.check_password(DEV_PASSWORD):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin: {base}/admin/  user: {DEV_USERNAME}  "
                    f"password: {DEV_PASSWORD}"
                )
            )
        else:
            self.stdout.write(f"Admin: {base}/admin/ (existing superuser login)")
