"""System checks: the apps legal needs next to it in INSTALLED_APPS.

Apps its models point at are checked when Django starts (legal.E001, raised from
``ready()``): without them Wagtail's own checks would crash before any message.
The others are ordinary system check errors (legal.E002).
"""

from django.core import checks

from lumen_kit import app_checks

# App label -> why legal needs it.
MODEL_REQUIREMENTS: dict[str, str] = {}
REQUIRED_APPS: dict[str, str] = {
    "wagtail.contrib.routable_page": (
        "legal pages serve version lists, permalinks and diffs as sub-pages"
    ),
    "wagtail.snippets": "the admin lists legal versions as read-only snippets",
}


def require_model_apps() -> None:
    """Stop at start-up, with the fix, when an app the models need is missing."""
    app_checks.require_model_apps("legal", MODEL_REQUIREMENTS)


def check_required_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return app_checks.required_app_errors("legal", REQUIRED_APPS)
