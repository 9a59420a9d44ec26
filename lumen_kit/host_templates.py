"""The host's base template and its blocks, read the same way by every app's pages."""

from functools import lru_cache

from django.conf import settings
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode


def base_template() -> str:
    """The host's base template that the apps' pages extend (LUMEN_BASE_TEMPLATE)."""
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
