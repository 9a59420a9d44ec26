"""Settings this app reads, each with the default a host project gets."""

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string


def base_template() -> str:
    """The host's base template that this app's pages extend (LUMEN_BASE_TEMPLATE)."""
    return getattr(settings, "LUMEN_BASE_TEMPLATE", "base.html")


class HostBaseTemplateMixin:
    """Page mixin: templates extend ``base_template``, so a host's own base works."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = base_template()
        return context


def related_articles_provider() -> Callable[[list[str]], list[dict]] | None:
    """The function that finds articles about a service (CATALOG_RELATED_ARTICLES).

    A dotted path, e.g. "resources.related.articles_about"; it takes topic names and
    returns groups ``{"title", "url", "articles": [pages]}``. Unset: no such section.
    The catalog never imports another app: the host project wires them together.
    """
    path = getattr(settings, "CATALOG_RELATED_ARTICLES", "")
    return import_string(path) if path else None
