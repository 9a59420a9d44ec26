"""System checks: the apps catalog needs next to it in INSTALLED_APPS.

Apps its models point at are checked when Django starts (catalog.E001, raised from
``ready()``): without them Wagtail's own checks would crash before any message.
The others are ordinary system check errors (catalog.E002).
"""

from django.core import checks

from lumen_kit import app_checks

# App label -> why catalog needs it.
MODEL_REQUIREMENTS: dict[str, str] = {}
REQUIRED_APPS: dict[str, str] = {
    "wagtail.snippets": "editors manage data centers and prices as snippets",
}


def require_model_apps() -> None:
    """Stop at start-up, with the fix, when an app the models need is missing."""
    app_checks.require_model_apps("catalog", MODEL_REQUIREMENTS)


def check_required_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return app_checks.required_app_errors("catalog", REQUIRED_APPS)
