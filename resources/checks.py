"""System checks: the apps resources needs next to it in INSTALLED_APPS.

Apps its models point at are checked when Django starts (resources.E001, raised from
``ready()``): without them Wagtail's own checks would crash before any message.
The others are ordinary system check errors (resources.E002).
"""

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# App label -> why resources needs it.
MODEL_REQUIREMENTS: dict[str, str] = {
    "wagtail.images": "articles have thumbnails and images",
    "taggit": "articles are tagged",
}
REQUIRED_APPS: dict[str, str] = {
    "wagtail.contrib.table_block": (
        "article tables use Wagtail's table block, whose editor scripts that app serves"
    ),
    "wagtail.snippets": "editors manage data centers and incidents as snippets",
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
                f"resources.E001: resources needs {name!r} in INSTALLED_APPS ({why})"
                for name, why in missing
            )
        )


def check_required_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"resources needs {name!r} in INSTALLED_APPS.",
            hint=f"Add {name!r} to INSTALLED_APPS: {why}.",
            id="resources.E002",
        )
        for name, why in _missing(REQUIRED_APPS)
    ]
