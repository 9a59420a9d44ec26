import html

from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Site

from lumen_cms.navigation import FRAGMENT_TIMEOUT, navigation_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def lumen_site(context) -> Site | None:
    """The request's site (cached on the request by Wagtail)."""
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def lumen_navigation(context) -> dict:
    return navigation_for_request(context["request"])


@register.simple_tag
def navigation_cache_timeout() -> int:
    return FRAGMENT_TIMEOUT


@register.filter(is_safe=True)
def text(value: object) -> str:
    """Escape for an HTML text node only (<, >, &), so "We're" stays readable in source.

    Never use it inside an attribute value; autoescape handles those.
    """
    return mark_safe(html.escape(str(value), quote=False))  # noqa: S308
