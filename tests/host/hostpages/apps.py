from django.apps import AppConfig


class HostPagesConfig(AppConfig):
    name = "hostpages"
    default_auto_field = "django.db.models.BigAutoField"
