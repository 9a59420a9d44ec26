"""Settings this app reads, each with the default a host project gets.

``LUMEN_BASE_TEMPLATE`` (default ``"base.html"``): the template this app's pages
extend, through the blocks ``wagtail start`` writes: ``title``, ``extra_css``,
``content`` and ``extra_js`` (``body_class`` when present). Only ``content`` is
required: without ``extra_css``/``extra_js`` the assets go at the start/end of it.
``FORMS_RATE_LIMIT`` (default ``(10, 600)``): posts allowed per client IP and page in
that many seconds, counted in the default cache (use a shared cache in production).
``FORMS_MIN_SUBMIT_SECONDS`` (default ``2``): a form sent sooner after it was served
is refused as a bot's. ``FORMS_TOKEN_MAX_AGE`` (default 7 days, in seconds): an
older form must be reloaded. ``FORMS_CLIENT_IP`` (default
``"forms.spam.remote_addr"``): the function that names a request's client for the rate
limit; the reference site uses django-axes' resolver (``AXES_IP_HEADERS``).
"""

from functools import lru_cache

from django.conf import settings
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode


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
        context["base_template"] = base = base_template()
        blocks = base_blocks(base)
        context["base_lacks_extra_css"] = "extra_css" not in blocks
        context["base_lacks_extra_js"] = "extra_js" not in blocks
        return context


def thank_you_max_age() -> int:
    """Seconds a thank-you link shows the submitter's own details
    (FORMS_THANK_YOU_MAX_AGE); after that it shows only the thank-you text."""
    return getattr(settings, "FORMS_THANK_YOU_MAX_AGE", 30 * 60)


def client_ip_resolver() -> str:
    """Dotted path of a function(request) -> client IP (FORMS_CLIENT_IP); the default
    is the connection's peer address, right only when no proxy is in front."""
    return getattr(settings, "FORMS_CLIENT_IP", "forms.spam.remote_addr")
