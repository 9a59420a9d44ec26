import html

from django import template
from django.core.cache import cache
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.models import Site

from lumen_cms import page_cache
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


@register.tag
def page_content(parser, token):
    """{% page_content %}…{% endpage_content %}: the page's content block, shared
    between visitors of the same URL until the page's stamp changes (page_cache)."""
    nodelist = parser.parse(("endpage_content",))
    parser.delete_first_token()
    return PageContentNode(nodelist)


class PageContentNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        found = page_cache.fragment_key(request) if request is not None else None
        if found is None:
            return self.nodelist.render(context)
        key, stamp = found
        entry = cache.get(key)
        if entry is not None and entry[0] == stamp:
            return mark_safe(entry[1])  # noqa: S308 - rendered (escaped) by this node
        # A CSRF token inside (a form) makes the content personal: not shared.
        prior = request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
        html = self.nodelist.render(context)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return html
        if prior is not None:
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = prior
        cache.set(key, (stamp, str(html)), page_cache.fragment_timeout())
        return html
