from django.apps import AppConfig


class LumenCmsConfig(AppConfig):
    name = "lumen_cms"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Lumen site shell"

    def ready(self) -> None:
        from lumen_cms import signals  # noqa: F401
