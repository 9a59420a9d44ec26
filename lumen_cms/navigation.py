"""Template and API data for the site chrome, built with one bulk page query.

The settings' StreamFields are read as raw JSON on purpose: letting each
PageChooserBlock resolve itself costs one query per block position, and `.url` one
more per page (wagtail-notes.md: 121 queries for a 12×8 menu).
"""

import re
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.http import HttpRequest
from django.urls import reverse

from wagtail.models import Page, Site

from lumen_cms.models import NavigationSettings

FRAGMENT_NAMES = ("lumen_header", "lumen_footer")
FRAGMENT_TIMEOUT = 600
REQUEST_ATTR = "_lumen_navigation"
DATA_KEY = "lumen-navigation:data:{}"
# Dropped with the data: a host's remembered site is trusted while it is unchanged.
SITES_KEY = "lumen-navigation:sites"
MAX_REMEMBERED_HOSTS = 256
_site_of_host: dict[str, tuple[int, str]] = {}


def fragment_keys(site_ids: Iterable[int]) -> list[str]:
    return [
        make_template_fragment_key(name, [site_id])
        for site_id in site_ids
        for name in FRAGMENT_NAMES
    ]


def invalidate_navigation_cache(site_ids: Iterable[int] | None = None) -> None:
    """Drop the cached header and footer fragments (all sites unless given)."""
    if site_ids is None:
        site_ids = Site.objects.values_list("pk", flat=True)
    site_ids = list(site_ids)
    data_keys = [DATA_KEY.format(site_id) for site_id in site_ids]
    cache.delete_many([*fragment_keys(site_ids), *data_keys, SITES_KEY])


def cached_navigation(site: Site) -> dict[str, Any]:
    """The site's navigation data, cached and dropped with the header and footer
    fragments: templates, the navigation API and resolve's chrome share it."""
    key = DATA_KEY.format(site.pk)
    navigation = cache.get(key)
    if navigation is None:
        navigation = build_navigation(site)
        cache.set(key, navigation, FRAGMENT_TIMEOUT)
    return navigation


def navigation_for_host(request: HttpRequest) -> dict[str, Any]:
    """`cached_navigation` of the request's site without looking the site up: warm,
    one cache round trip and no query (the navigation API).

    Each process remembers which site a Host maps to, with the sites token current
    when it looked; every navigation invalidation (site saves included) drops the
    token, so a changed site is looked up again.
    """
    host = f"{request._get_raw_host()}|{request.get_port()}"
    remembered = _site_of_host.get(host)
    if remembered is not None:
        site_id, token = remembered
        key = DATA_KEY.format(site_id)
        found = cache.get_many([SITES_KEY, key])
        if found.get(SITES_KEY) == token and key in found:
            return found[key]
    token = _sites_token()  # read before the site: a change in between drops it
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    if len(_site_of_host) >= MAX_REMEMBERED_HOSTS:
        _site_of_host.clear()  # random Host headers cannot grow it without bound
    _site_of_host[host] = (site.pk, token)
    return cached_navigation(site)


def _sites_token() -> str:
    token = cache.get(SITES_KEY)
    if token is None:
        token = uuid4().hex
        if not cache.add(SITES_KEY, token, None):
            token = cache.get(SITES_KEY) or token
    return token


def navigation_for_request(request: HttpRequest) -> dict[str, Any]:
    """The site's navigation, read once per request."""
    navigation = getattr(request, REQUEST_ATTR, None)
    if navigation is None:
        site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        navigation = cached_navigation(site)
        setattr(request, REQUEST_ATTR, navigation)
    return navigation


def navigation_page_ids(settings: NavigationSettings) -> set[int]:
    """Pages the site's menus and footer link to."""
    return _page_ids(
        [
            list(getattr(settings, name).raw_data)
            for name in ("mega_menu", "utility_links", "footer_columns", "legal_links")
        ]
    )


def build_navigation(
    site: Site, *, settings: NavigationSettings | None = None
) -> dict[str, Any]:
    """Mega-menu, header links and footer as plain data; links to dead pages dropped."""
    if settings is None:
        settings = NavigationSettings.for_site(site)
    raw = {
        name: list(getattr(settings, name).raw_data)
        for name in ("mega_menu", "utility_links", "footer_columns", "legal_links")
    }
    pages = PageLinks(site, _page_ids(raw))
    return {
        "site": {"name": site.site_name or "Lumen Cloud", "root_url": pages.root_url},
        "mega_menu": [
            entry
            for block in raw["mega_menu"]
            if (entry := _menu_entry(block["value"], pages)) is not None
        ],
        "utility_links": _links(raw["utility_links"], pages),
        "search": {
            "label": settings.search_label,
            "hint": settings.search_hint,
            "url": reverse("search"),
        },
        "footer_columns": [
            column
            for block in raw["footer_columns"]
            if (column := _footer_column(block["value"], pages))["groups"]
        ],
        "legal_links": _links(raw["legal_links"], pages),
        "contact": {
            "heading": settings.contact_heading,
            "numbers": [
                {
                    "label": block["value"].get("label", ""),
                    "number": block["value"].get("number", ""),
                    "tel": _tel(block["value"].get("number", "")),
                }
                for block in settings.contact_numbers.raw_data
            ],
        },
        "copyright_notice": settings.copyright_notice,
        "corporate_notice": settings.corporate_notice,
    }


class PageLinks:
    """Title, URL and service summary of the linked live pages, fetched in one query."""

    def __init__(self, site: Site, page_ids: set[int]) -> None:
        rows = Page.objects.filter(pk__in=page_ids | {site.root_page_id}).values(
            "pk", "title", "url_path", "live", "catalog_servicepage__summary"
        )
        self.rows = {row["pk"]: row for row in rows}
        root = self.rows.get(site.root_page_id)
        self.root_path = root["url_path"] if root else "/"
        self.root_url = "/"

    def get(self, page_id: Any) -> dict[str, Any] | None:
        row = self.rows.get(page_id) if isinstance(page_id, int) else None
        if row is None or not row["live"]:
            return None
        return row

    def url(self, row: dict[str, Any]) -> str:
        if row["url_path"].startswith(self.root_path):
            return "/" + row["url_path"][len(self.root_path) :]
        # A page of another site: rare, so the one-off lookup is acceptable.
        return Page(pk=row["pk"], url_path=row["url_path"]).get_url() or ""


def _page_ids(value: Any) -> set[int]:
    return set(_walk_page_ids(value))


def _walk_page_ids(value: Any) -> Iterator[int]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "page" and isinstance(item, int):
                yield item
            else:
                yield from _walk_page_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_page_ids(item)


def _unwrap(item: Any) -> Any:
    """ListBlock items are stored as {"type": "item", "value": ...} (Wagtail 2.16+)."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def _link(value: dict[str, Any], pages: PageLinks) -> dict[str, Any] | None:
    """A link dict, or None when it leads nowhere (unpublished or deleted page)."""
    page_id = value.get("page")
    title = value.get("title") or ""
    if page_id:
        row = pages.get(page_id)
        if row is None:
            return None
        url, title = pages.url(row), title or row["title"]
        description = (
            value.get("description") or row["catalog_servicepage__summary"] or ""
        )
    else:
        url = value.get("url") or ""
        description = value.get("description") or ""
        if not url:
            return None
    link = {"title": title, "url": url, "external": url.startswith(("http:", "https:"))}
    if "description" in value:
        link["description"] = description
    return link


def _links(blocks: list[dict[str, Any]], pages: PageLinks) -> list[dict[str, Any]]:
    return [
        link
        for block in blocks
        if (link := _link(_unwrap(block["value"]), pages)) is not None
    ]


def _menu_entry(value: dict[str, Any], pages: PageLinks) -> dict[str, Any] | None:
    columns = [
        column
        for raw_column in value.get("columns") or []
        if (column := _menu_column(_unwrap(raw_column), pages)) is not None
    ]
    target = _link({"title": value.get("title"), **_target(value)}, pages)
    if not columns and target is None:
        return None
    return {
        "title": value.get("title", ""),
        "url": target["url"] if target else "",
        "intro": value.get("intro") or "",
        "columns": columns,
    }


def _target(value: dict[str, Any]) -> dict[str, Any]:
    return {"page": value.get("page"), "url": value.get("url") or ""}


def _menu_column(value: dict[str, Any], pages: PageLinks) -> dict[str, Any] | None:
    groups: list[dict[str, Any]] = []
    for block in value.get("items") or []:
        if block["type"] == "heading":
            groups.append({"heading": block["value"], "items": []})
            continue
        link = _link({"description": "", **block["value"]}, pages)
        if link is None:
            continue
        if not groups:
            groups.append({"heading": "", "items": []})
        groups[-1]["items"].append(link)
    groups = [group for group in groups if group["items"]]
    heading_link = _link({"title": value.get("title"), **_target(value)}, pages)
    if not groups and heading_link is None:
        return None
    return {
        "title": value.get("title") or (heading_link["title"] if heading_link else ""),
        "url": heading_link["url"] if heading_link else "",
        "intro": value.get("intro") or "",
        "groups": groups,
    }


def _footer_column(value: list[dict[str, Any]], pages: PageLinks) -> dict[str, Any]:
    groups: list[dict[str, Any]] = []
    for block in value:
        if block["type"] == "heading":
            groups.append({"heading": block["value"], "links": []})
            continue
        link = _link(block["value"], pages)
        if link is None:
            continue
        if not groups:
            groups.append({"heading": "", "links": []})
        groups[-1]["links"].append(link)
    return {"groups": [group for group in groups if group["links"]]}


def _tel(number: str) -> str:
    """'1.877.388.4373' -> 'tel:+18773884373' (North American numbers)."""
    digits = re.sub(r"\D", "", number)
    if not digits:
        return ""
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}"
