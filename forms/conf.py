"""Settings this app reads, each with the default a host project gets.

``LUMEN_BASE_TEMPLATE`` (default ``"base.html"``): the template this app's pages
extend. It must have the blocks ``wagtail start`` writes: ``title``, ``extra_css``,
``content`` and ``extra_js`` (``body_class`` is used when present).
``FORMS_RATE_LIMIT`` (default ``(10, 600)``): posts allowed per client IP and page in
that many seconds, counted in the default cache (use a shared cache in production).
``FORMS_MIN_SUBMIT_SECONDS`` (default ``2``): a form sent sooner after it was served
is refused as a bot's. ``FORMS_TOKEN_MAX_AGE`` (default 7 days, in seconds): an
older form must be reloaded.
"""

from django.conf import settings


def base_template() -> str:
    """The host's base template that this app's pages extend (LUMEN_BASE_TEMPLATE)."""
    return getattr(settings, "LUMEN_BASE_TEMPLATE", "base.html")


def rate_limit() -> tuple[int, int]:
    """(posts, seconds) per client IP and page (FORMS_RATE_LIMIT)."""
    return getattr(settings, "FORMS_RATE_LIMIT", (10, 600))


def min_submit_seconds() -> float:
    """Fastest plausible human fill time (FORMS_MIN_SUBMIT_SECONDS)."""
    return getattr(settings, "FORMS_MIN_SUBMIT_SECONDS", 2)


def token_max_age() -> int:
    """Seconds a served form stays valid (FORMS_TOKEN_MAX_AGE)."""
    return getattr(settings, "FORMS_TOKEN_MAX_AGE", 7 * 24 * 3600)


class HostBaseTemplateMixin:
    """Page mixin: templates extend ``base_template``, so a host's own base works."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = base_template()
        return context
