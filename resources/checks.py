"""System checks: the apps resources needs next to it in INSTALLED_APPS.

Apps its models point at are checked when Django starts (resources.E001, raised from
``ready()``): without them Wagtail's own checks would crash before any message.
The others are ordinary system check errors (resources.E002).
"""

from django.core import checks

from lumen_kit import app_checks

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


def require_model_apps() -> None:
    """Stop at start-up, with the fix, when an app the models need is missing."""
    app_checks.require_model_apps("resources", MODEL_REQUIREMENTS)


def check_required_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return app_checks.required_app_errors("resources", REQUIRED_APPS)
