from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Developer and resource content"

    def ready(self) -> None:
        from django.core import checks

        from resources import checks as resources_checks

        resources_checks.require_model_apps()
        checks.register(resources_checks.check_required_apps)
