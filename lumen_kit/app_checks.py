"""Companion-app checks worded once for the four apps (``<app>.E001``/``.E002``)."""

from collections.abc import Mapping

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def missing_apps(required: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (app label, why it is needed) pairs not in INSTALLED_APPS."""
    return [
        (name, why) for name, why in required.items() if not apps.is_installed(name)
    ]


def require_model_apps(label: str, required: Mapping[str, str]) -> None:
    """Stop at start-up (``<label>.E001``), with the fix, when an app the models of
    ``label`` point at is missing: Wagtail's checks would crash before any message."""
    missing = missing_apps(required)
    if missing:
        raise ImproperlyConfigured(
            "; ".join(
                f"{label}.E001: {label} needs {name!r} in INSTALLED_APPS ({why})"
                for name, why in missing
            )
        )


def required_app_errors(
    label: str, required: Mapping[str, str]
) -> list[checks.CheckMessage]:
    """One system check error (``<label>.E002``) per missing companion app."""
    return [
        checks.Error(
            f"{label} needs {name!r} in INSTALLED_APPS.",
            hint=f"Add {name!r} to INSTALLED_APPS: {why}.",
            id=f"{label}.E002",
        )
        for name, why in missing_apps(required)
    ]
