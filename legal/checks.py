"""System checks: the apps legal needs next to it in INSTALLED_APPS.

Apps its models point at are checked when Django starts (legal.E001, raised from
``ready()``): without them Wagtail's own checks would crash before any message.
The others are ordinary system check errors (legal.E002).
"""

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# App label -> why legal needs it.
MODEL_REQUIREMENTS: dict[str, str] = {}
REQUIRED_APPS: dict[str, str] = {
    "wagtail.contrib.routable_page": (
        "legal pages serve version lists, permalinks and diffs as sub-pages"
    ),
    "wagtail.snippets": "the admin lists legal versions as read-only snippets",
}


def _missing(required: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (name, why) for name, why in required.items() if not apps.is_installed(name)
    ]


def require_model_apps() -> None:
    """Stop at start-up, with the fix, when an app the models need is missing."""
    missing = _missing(MODEL_REQUIREMENTS)
    if missing:
        raise ImproperlyConfigured(
            "; ".join(
                f"legal.E001: legal needs {name!r} in INSTALLED_APPS ({why})"
                for name, why in missing
            )
        )


def check_required_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"legal needs {name!r} in INSTALLED_APPS.",
            hint=f"Add {name!r} to INSTALLED_APPS: {why}.",
            id="legal.E002",
        )
        for name, why in _missing(REQUIRED_APPS)
    ]
