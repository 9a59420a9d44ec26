"""System checks: the apps forms needs next to it in INSTALLED_APPS.

Apps its models point at are checked when Django starts (forms.E001, raised from
``ready()``): without them Wagtail's own checks would crash before any message.
The others are ordinary system check errors (forms.E002).
"""

from django.core import checks

from lumen_kit import app_checks

# App label -> why forms needs it.
MODEL_REQUIREMENTS: dict[str, str] = {
    "legal": "DP terms acceptances are bound to legal document versions",
}
REQUIRED_APPS: dict[str, str] = {
    "wagtail.contrib.forms": (
        "form pages build on Wagtail's form builder and its submissions admin"
    ),
}


def require_model_apps() -> None:
    """Stop at start-up, with the fix, when an app the models need is missing."""
    app_checks.require_model_apps("forms", MODEL_REQUIREMENTS)


def check_required_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return app_checks.required_app_errors("forms", REQUIRED_APPS)
