from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    default_auto_field = "django.db.models.BigAutoField"
    label = "forms"
    verbose_name = "Form pages"
