"""Settings this app reads, each with the default a host project gets.

``LUMEN_BASE_TEMPLATE`` (default ``"base.html"``): the host's base template this
app's pages extend (``lumen_kit.host_templates``, shared by the four apps).
"""

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

# Re-exported ("x as x"): code and hosts import these from the app's conf.
from lumen_kit.host_templates import HostBaseTemplateMixin as HostBaseTemplateMixin
from lumen_kit.host_templates import base_blocks as base_blocks
from lumen_kit.host_templates import base_template as base_template


def related_articles_provider() -> Callable[[list[str]], list[dict]] | None:
    """The function that finds articles about a service (CATALOG_RELATED_ARTICLES).

    A dotted path, e.g. "resources.related.articles_about"; it takes topic names and
    returns groups ``{"title", "url", "articles": [pages]}``. Unset: no such section.
    The catalog never imports another app: the host project wires them together.
    """
    path = getattr(settings, "CATALOG_RELATED_ARTICLES", "")
    return import_string(path) if path else None
