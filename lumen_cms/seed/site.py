"""Seed step for the shell: home page, categories and services, GDPR, navigation."""

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page, Site

from catalog.models import (
    ProductCategoryPage,
    ServicePage,
    ServicePageRelatedService,
    ServicePageSettings,
)
from lumen_cms.models import (
    HomePage,
    NavigationSettings,
    NotFoundSettings,
    StandardPage,
)
from lumen_cms.seed.ledger import HOME_KEY, SeedRun, current_run
from lumen_cms.seed.pages import (
    child_by_slug,
    paragraphs_html,
    publish,
    update_instance,
    update_page,
    upsert_page,
)
from lumen_cms.seed.values import child_rows

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def read_data(name: str) -> dict:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def ensure_home() -> HomePage:
    """Make the default site's root a HomePage, replacing Wagtail's welcome page, and
    point the site record at the configured base URL (WAGTAILADMIN_BASE_URL)."""
    data = read_data("site")
    run = current_run()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    current = site.root_page.specific if site else None
    if isinstance(current, HomePage):
        home = current
    else:
        home = _create_home(site, current, data)
        run.mark_created(home)
        site = Site.objects.get(is_default_site=True)
    run.register_page(home, HOME_KEY)
    _sync_site(run, site, data)
    return home


def _create_home(site: Site | None, current: Page | None, data: dict) -> HomePage:
    root = Page.get_first_root_node()
    slug = "home"
    if child_by_slug(root, slug) is not None:
        slug = "lumen-home"
    home = HomePage(title=data["home"]["title"], slug=slug)
    root.add_child(instance=home)
    publish(home)
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = data["site_name"]
    site.save()
    if current is not None:
        for child in current.get_children():
            child.move(home, pos="last-child")
        if current.specific_class is Page and not current.get_children().exists():
            current.delete()
    if home.slug != "home" and child_by_slug(root, "home") is None:
        home.refresh_from_db()
        home.slug = "home"
        publish(home)
        home.refresh_from_db()
    return home


def base_url_host() -> tuple[str, int]:
    """Host and port of WAGTAILADMIN_BASE_URL, the site's public address."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (
        443 if url.scheme == "https" else 80
    )


def _sync_site(run: SeedRun, site: Site, data: dict) -> None:
    """Absolute URLs (API html_url, sitemap, email links) come from the site record:
    it follows the configured base URL until an administrator sets it otherwise."""
    hostname, port = base_url_host()
    fields: dict[str, Any] = {"site_name": data["site_name"]}
    taken = Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port)
    if taken.exists():
        run.report.left.append(
            (f"Site ({site})", f"another site already answers at {hostname}:{port}")
        )
    else:
        fields.update(hostname=hostname, port=port)
    run.instance(
        key="site:default",
        obj=site,
        fields=fields,
        installation_defaults={"hostname": "localhost", "port": 80},
    )


def load_pages(*, home: Page) -> None:
    """Create the shell's own pages (home fields, catalog categories, /gdpr/)."""
    data = read_data("site")
    home_data = data["home"]
    update_page(
        home.specific,
        title=home_data["title"],
        seo_title=home_data["seo_title"],
        search_description=home_data["search_description"],
        hero_heading=home_data["hero_heading"],
        hero_text=home_data["hero_text"],
    )
    services: dict[str, ServicePage] = {}
    for category in data["categories"]:
        category_page = upsert_page(
            parent=home,
            model=ProductCategoryPage,
            slug=category["slug"],
            title=category["title"],
            intro=category["intro"],
        )
        if not isinstance(category_page, ProductCategoryPage):
            continue
        for service in category["services"]:
            page = upsert_page(
                parent=category_page,
                model=ServicePage,
                slug=service["slug"],
                title=service["title"],
                summary=service["summary"],
                group=service["group"],
                price_keys=service.get("price_keys", ""),
                documentation_topics=service.get("documentation_topics", ""),
            )
            if isinstance(page, ServicePage):
                services[service["slug"]] = page
    _load_related_services(services, data["related_services"])
    gdpr = read_data("dialogs")["gdpr"]
    # The body is written here only on creation: load_navigation owns it afterwards
    # (intro plus links to the children), so a second run publishes nothing.
    body_on_create = (
        {"body": [{"type": "paragraph", "value": paragraphs_html(gdpr["intro"])}]}
        if child_by_slug(home, data["gdpr"]["slug"]) is None
        else {}
    )
    upsert_page(
        parent=home,
        model=StandardPage,
        slug=data["gdpr"]["slug"],
        title=gdpr["title"],
        **body_on_create,
    )


def _load_related_services(
    services: dict[str, ServicePage], related: dict[str, list[str]]
) -> None:
    for slug, related_slugs in related.items():
        page = services.get(slug)
        if page is None:
            continue
        rows = [
            {"related_page_id": services[s].pk} for s in related_slugs if s in services
        ]
        update_page(
            page,
            related_services=child_rows(
                "related_services", ServicePageRelatedService, rows
            ),
        )


def load_navigation(*, home: Page) -> None:
    """Fill missing menu targets with StandardPages and build navigation; idempotent."""
    data = read_data("site")
    for slug, spec in data["placeholders"].items():
        if child_by_slug(home, slug) is None:
            upsert_page(
                parent=home,
                model=StandardPage,
                slug=slug,
                title=spec["title"],
                intro=spec["intro"],
            )
    pages = PageResolver(home)
    nav = data["navigation"]
    site = Site.objects.filter(root_page_id=home.pk).first() or Site.objects.get(
        is_default_site=True
    )
    update_instance(
        NavigationSettings.for_site(site),
        mega_menu=[
            {"type": "entry", "value": _menu_entry(entry, pages)}
            for entry in nav["mega_menu"]
        ],
        utility_links=[
            {"type": "link", "value": _link(link, pages)}
            for link in nav["utility_links"]
        ],
        search_label=nav["search_label"],
        search_hint=nav["search_hint"],
        footer_columns=[
            {"type": "column", "value": _column(column, pages)}
            for column in nav["footer_columns"]
        ],
        legal_links=[
            {"type": "link", "value": _link(link, pages)} for link in nav["legal_links"]
        ],
        contact_heading=nav["contact_heading"],
        contact_numbers=[
            {"type": "number", "value": number} for number in nav["contact_numbers"]
        ],
        copyright_notice=nav["copyright_notice"],
        corporate_notice=nav["corporate_notice"],
    )
    not_found = dict(data["not_found"])
    not_found["contact_page_id"] = pages.id(not_found.pop("contact_page"))
    update_instance(NotFoundSettings.for_site(site), **not_found)
    _load_home_body(home, data["home"], pages)
    _link_gdpr_children(home, data["gdpr"], pages)
    _service_contact(site, pages.id(data["service_pages"]["contact_page"]))


class PageResolver:
    """Seed page paths ('managed-services/mysql') to ids, titles and summaries."""

    def __init__(self, home: Page) -> None:
        self.prefix = home.url_path
        rows = Page.objects.descendant_of(home).values_list(
            "url_path", "id", "title", "catalog_servicepage__summary"
        )
        self.ids = {row[0]: row[1] for row in rows}
        self.texts = {row[1]: {"title": row[2], "summary": row[3]} for row in rows}
        self.intended = current_run().intended

    def id(self, path: str | None) -> int | None:
        if not path:
            return None
        return self.ids.get(f"{self.prefix}{path.strip('/')}/")

    def follows_page(self, page_id: int | None, name: str, text: str) -> bool:
        """True when a link's text equals what the page itself says (now or as
        seeded): the link is then left empty so it follows the page's edits."""
        if not page_id or not text:
            return False
        seeded = self.intended.get(page_id, {}).get(name)
        return text in (seeded, self.texts.get(page_id, {}).get(name))


def _link(link: dict[str, Any], pages: PageResolver) -> dict[str, Any]:
    page_id = pages.id(link.get("page"))
    title = link.get("title", "")
    value = {
        "title": "" if pages.follows_page(page_id, "title", title) else title,
        "page": page_id,
        "url": link.get("url", ""),
    }
    if "description" in link:
        description = link["description"]
        value["description"] = (
            "" if pages.follows_page(page_id, "summary", description) else description
        )
    return value


def _menu_entry(entry: dict[str, Any], pages: PageResolver) -> dict[str, Any]:
    return {
        "title": entry["title"],
        "page": pages.id(entry.get("page")),
        "url": entry.get("url", ""),
        "intro": entry.get("intro", ""),
        "columns": [
            {
                "title": ""
                if pages.follows_page(
                    pages.id(column.get("page")), "title", column.get("title", "")
                )
                else column.get("title", ""),
                "page": pages.id(column.get("page")),
                "intro": column.get("intro", ""),
                "items": [
                    {"type": "item", "value": _link(item["value"], pages)}
                    if item["type"] == "item"
                    else item
                    for item in column["items"]
                ],
            }
            for column in entry["columns"]
        ],
    }


def _column(column: list[dict[str, Any]], pages: PageResolver) -> list[dict]:
    return [
        {"type": "link", "value": _link(item["value"], pages)}
        if item["type"] == "link"
        else item
        for item in column
    ]


def _load_home_body(home: Page, data: dict[str, Any], pages: PageResolver) -> None:
    cards = [
        {
            "title": card["title"],
            "text": card["text"],
            "link": {"title": "", "page": pages.id(card["page"]), "url": ""},
        }
        for card in data["cards"]
        if pages.id(card["page"])
    ]
    update_page(
        home.specific,
        body=[
            {
                "type": "card_grid",
                "value": {"heading": data["cards_heading"], "cards": cards},
            }
        ],
        hero_actions=[
            {"type": "link", "value": _link(link, pages)}
            for link in data.get("hero_actions", [])
            if pages.id(link["page"])
        ],
        hero_panel_heading=data.get("hero_panel_heading", ""),
        hero_links=[
            {"type": "link", "value": {**_link(link, pages), "text": link["text"]}}
            for link in data.get("hero_links", [])
            if pages.id(link["page"])
        ],
    )


def _link_gdpr_children(home: Page, gdpr_data: dict, pages: PageResolver) -> None:
    """The GDPR page links the DP Exhibit, its versions and the acceptance form."""
    gdpr = child_by_slug(home, gdpr_data["slug"])
    if gdpr is None or not isinstance(gdpr.specific, StandardPage):
        return
    gdpr = gdpr.specific
    intro = read_data("dialogs")["gdpr"]["intro"]
    body: list[dict[str, Any]] = [
        {"type": "paragraph", "value": paragraphs_html(intro)}
    ]
    live = dict(
        Page.objects.filter(
            pk__in=[pages.id(link["page"]) for link in gdpr_data["links"]], live=True
        ).values_list("pk", "url_path")
    )
    links = []
    for link in gdpr_data["links"]:
        pk = pages.id(link["page"])
        if pk not in live:
            continue
        if link.get("subpath"):
            # A route of the page (e.g. the versions list): a URL, not a page.
            url = "/" + live[pk][len(pages.prefix) :] + link["subpath"]
            links.append({"title": link["title"], "page": None, "url": url})
        else:
            links.append({"title": link["title"], "page": pk, "url": ""})
    # Any other live child page an editor added is linked too, after these.
    linked = {link["page"] for link in links if link["page"]}
    links.extend(
        {"title": "", "page": pk, "url": ""}
        for pk in gdpr.get_children().live().values_list("id", flat=True)
        if pk not in linked
    )
    if links:
        body.append({"type": "link_list", "value": {"heading": "", "links": links}})
    update_page(gdpr, body=body)


def _service_contact(site: Site, contact_page_id: int | None) -> None:
    """Point the service pages' contact call to action at the contact form, once."""
    settings = ServicePageSettings.for_site(site)
    if settings.pk and settings.contact_page_id:
        return
    if contact_page_id is not None:
        settings.contact_page_id = contact_page_id
        settings.save()
