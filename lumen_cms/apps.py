from django.apps import AppConfig


class LumenCmsConfig(AppConfig):
    name = "lumen_cms"
    verbose_name = "Lumen site shell"

    def ready(self) -> None:
        from lumen_cms import signals  # noqa: F401
        from lumen_cms.webhooks import changes

        changes.connect()
