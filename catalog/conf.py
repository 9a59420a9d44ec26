"""Settings this app reads, each with the default a host project gets.

``LUMEN_BASE_TEMPLATE`` (default ``"base.html"``): the template this app's pages
extend, through the blocks ``wagtail start`` writes: ``title``, ``extra_css``,
``content`` and ``extra_js`` (``body_class`` when present). Only ``content`` is
required: without ``extra_css``/``extra_js`` the assets go at the start/end of it.
"""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode
from django.utils.module_loading import import_string


def base_template() -> str:
    """The host's base template that this app's pages extend (LUMEN_BASE_TEMPLATE)."""
    return getattr(settings, "LUMEN_BASE_TEMPLATE", "base.html")


@lru_cache(maxsize=32)
def base_blocks(name: str) -> frozenset[str]:
    """Names of the blocks a base template (and those it extends) defines.

    A block the base lacks is dropped silently by Django, so pages add their
    stylesheets and scripts in ``content`` when the base has no ``extra_css`` or
    ``extra_js`` (bakerydemo's base, for one, has neither).
    """
    names: set[str] = set()
    seen: set[str] = set()
    while name and name not in seen:
        seen.add(name)
        try:
            nodelist = get_template(name).template.nodelist
        except (TemplateDoesNotExist, AttributeError):
            break
        names.update(node.name for node in nodelist.get_nodes_by_type(BlockNode))
        parents = nodelist.get_nodes_by_type(ExtendsNode)
        name = parents[0].parent_name.resolve(Context()) if parents else ""
        name = name if isinstance(name, str) else ""
    return frozenset(names)


class HostBaseTemplateMixin:
    """Page mixin: templates extend ``base_template``, so a host's own base works."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = base = base_template()
        blocks = base_blocks(base)
        context["base_lacks_extra_css"] = "extra_css" not in blocks
        context["base_lacks_extra_js"] = "extra_js" not in blocks
        return context


def related_articles_provider() -> Callable[[list[str]], list[dict]] | None:
    """The function that finds articles about a service (CATALOG_RELATED_ARTICLES).

    A dotted path, e.g. "resources.related.articles_about"; it takes topic names and
    returns groups ``{"title", "url", "articles": [pages]}``. Unset: no such section.
    The catalog never imports another app: the host project wires them together.
    """
    path = getattr(settings, "CATALOG_RELATED_ARTICLES", "")
    return import_string(path) if path else None
