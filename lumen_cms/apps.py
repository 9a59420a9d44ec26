from django.apps import AppConfig
from django.db.models.signals import pre_migrate


def create_cache_tables(using: str = "default", **kwargs) -> None:
    """The database cache's table (the default cache) comes with `migrate`, first:
    saves during migrations already drop cached pages."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class LumenCmsConfig(AppConfig):
    name = "lumen_cms"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Lumen site shell"

    def ready(self) -> None:
        from lumen_cms import signals  # noqa: F401
        from lumen_cms.webhooks import changes

        changes.connect()

        pre_migrate.connect(create_cache_tables, sender=self)
