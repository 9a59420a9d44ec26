from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "legal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Legal documents"

    def ready(self) -> None:
        from legal import signals

        signals.connect()
