import html

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

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


DESCRIPTION_FIELDS = ("search_description", "summary", "intro", "hero_text")


@register.simple_tag
def page_description(page: object, length: int = 160) -> str:
    """The page's meta description: the editor's search description, else its
    summary or intro as plain text (search engines and link previews need one)."""
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, "") if page is not None else ""
        value = " ".join(strip_tags(str(value or "")).split())
        if value:
            return Truncator(html.unescape(value)).chars(length)
    return ""
