from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Catalog and pricing"

    def ready(self) -> None:
        from django.core import checks

        from catalog import checks as catalog_checks

        catalog_checks.require_model_apps()
        checks.register(catalog_checks.check_required_apps)

        from catalog import signals

        signals.connect()
