"""System checks: the apps forms needs next to it in INSTALLED_APPS.

Apps its models point at are checked when Django starts (forms.E001, raised from
``ready()``): without them Wagtail's own checks would crash before any message.
The others are ordinary system check errors (forms.E002).
"""

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# App label -> why forms needs it.
MODEL_REQUIREMENTS: dict[str, str] = {
    "legal": "DP terms acceptances are bound to legal document versions",
}
REQUIRED_APPS: dict[str, str] = {
    "wagtail.contrib.forms": (
        "form pages build on Wagtail's form builder and its submissions admin"
    ),
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
                f"forms.E001: forms needs {name!r} in INSTALLED_APPS ({why})"
                for name, why in missing
            )
        )


def check_required_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"forms needs {name!r} in INSTALLED_APPS.",
            hint=f"Add {name!r} to INSTALLED_APPS: {why}.",
            id="forms.E002",
        )
        for name, why in _missing(REQUIRED_APPS)
    ]
