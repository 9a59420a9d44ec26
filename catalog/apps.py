from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Catalog and pricing"

    def ready(self) -> None:
        from catalog import signals

        signals.connect()
