from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "legal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Legal documents"

    def ready(self) -> None:
        from django.core import checks

        from legal import checks as legal_checks
        from legal import signals

        legal_checks.require_model_apps()
        checks.register(legal_checks.check_required_apps)
        signals.connect()
