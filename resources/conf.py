"""Settings this app reads, each with the default a host project gets.

``LUMEN_BASE_TEMPLATE`` (default ``"base.html"``): the template this app's pages
extend. It must have the blocks ``wagtail start`` writes: ``title``, ``extra_css``,
``content`` and ``extra_js`` (``body_class`` is used when present).
"""

from django.conf import settings


def base_template() -> str:
    """The host's base template that this app's pages extend (LUMEN_BASE_TEMPLATE)."""
    return getattr(settings, "LUMEN_BASE_TEMPLATE", "base.html")


class HostBaseTemplateMixin:
    """Page mixin: templates extend ``base_template``, so a host's own base works."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = base_template()
        return context
