from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    default_auto_field = "django.db.models.BigAutoField"
    label = "forms"
    verbose_name = "Form pages"

    def ready(self) -> None:
        from django.core import checks

        from forms import checks as forms_checks

        forms_checks.require_model_apps()
        checks.register(forms_checks.check_required_apps)
