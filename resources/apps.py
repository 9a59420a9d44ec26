from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Developer and resource content"
