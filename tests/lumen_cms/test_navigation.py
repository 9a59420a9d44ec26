import json

from django.template import Context, Template
from django.test import RequestFactory

from wagtail.models import Site

import pytest

from lumen_cms.models import NavigationSettings
from lumen_cms.navigation import build_navigation

pytestmark = pytest.mark.django_db

CHROME = Template(
    "{% include 'navigation/header.html' %}{% include 'navigation/footer.html' %}"
)


def render_chrome(site: Site) -> str:
    request = RequestFactory().get("/")
    request._wagtail_site = site  # what Wagtail's serve view has already done
    return CHROME.render(Context({"request": request}))


@pytest.fixture
def site(seeded_site):
    return Site.objects.get(is_default_site=True)


def test_menu_renders_in_two_queries_cold_and_none_warm(
    site, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        cold = render_chrome(site)
    with django_assert_num_queries(0):
        warm = render_chrome(site)
    assert cold == warm
    assert "Managed Services" in warm


def test_menu_shows_the_seeded_structure(site):
    html = render_chrome(site)
    for text in (
        '<summary class="mega-menu__label">Products</summary>',
        "Application Services",
        '<h3 class="mega-menu__group">Database</h3>',
        '<h3 class="mega-menu__group">Services</h3>',
        "Relational DB MySQL-Compatible",
        "Expert maintenance of your identity and access management.",
        "Online Estimator",
        "Calculate your monthly Hybrid IT costs using our price estimator.",
        '<a class="mega-menu__label" href="/knowledge-base/">Knowledge Base</a>',
        '<a class="mega-menu__label" href="/support/">Support</a>',
        "Sign in / Pay bill",
        "Search Lumen",
        "Search anytime by typing what you need and pressing ENTER",
        "CONTACT",
        '<a href="tel:+18773884373">1.877.388.4373</a>',
        "1.888.638.6771",
        "© 2024 Lumen. All Rights Reserved.",
        "Lumen is a registered trademark in the United States",
        "Modern Slavery Statement 2020 (UK)",
        "4th Industrial Revolution",
    ):
        assert text in html, text


def test_menu_order_follows_the_editor(site):
    html = render_chrome(site)
    labels = ["Products", "Pricing", "For Developers", "Resources", "Knowledge Base"]
    positions = [html.index(f">{label}<") for label in labels]
    assert positions == sorted(positions)


def test_publishing_a_linked_page_refreshes_the_cached_menu(site):
    render_chrome(site)
    mysql = site.root_page.get_descendants().get(slug="mysql").specific
    mysql.slug = "mysql-database"
    mysql.save_revision().publish()
    assert 'href="/managed-services/mysql-database/"' in render_chrome(site)


def test_unpublishing_drops_the_item_from_the_menu(site):
    assert 'href="/managed-services/apache/"' in render_chrome(site)
    site.root_page.get_descendants().get(slug="apache").unpublish()
    assert 'href="/managed-services/apache/"' not in render_chrome(site)


def test_deleting_a_page_drops_the_item_from_the_menu(site):
    render_chrome(site)
    site.root_page.get_descendants().get(slug="apache-tomcat").delete()
    assert "apache-tomcat" not in render_chrome(site)


def test_saving_navigation_settings_refreshes_the_cached_menu(site):
    render_chrome(site)
    settings = NavigationSettings.for_site(site)
    settings.copyright_notice = "© 2025 Lumen."
    settings.save()
    assert "© 2025 Lumen." in render_chrome(site)


def test_menu_entry_without_live_target_or_columns_is_dropped(site):
    settings = NavigationSettings.for_site(site)
    settings.mega_menu = [
        {"type": "entry", "value": {"title": "Ghost", "page": 999999, "columns": []}}
    ]
    settings.save()
    assert build_navigation(site)["mega_menu"] == []


def test_service_summary_fills_an_empty_menu_description(site):
    settings = NavigationSettings.for_site(site)
    mysql = site.root_page.get_descendants().get(slug="mysql")
    settings.mega_menu = [
        {
            "type": "entry",
            "value": {
                "title": "Products",
                "columns": [
                    {
                        "type": "item",
                        "value": {
                            "title": "",
                            "items": [
                                {
                                    "type": "item",
                                    "value": {"page": mysql.pk, "description": ""},
                                }
                            ],
                        },
                    }
                ],
            },
        }
    ]
    settings.save()
    item = build_navigation(site)["mega_menu"][0]["columns"][0]["groups"][0]["items"][0]
    assert item["title"] == "MySQL"
    assert item["description"] == "Management and maintenance for your MySQL workloads."


def test_navigation_api_returns_the_template_data(client, site):
    response = client.get("/api/v2/navigation/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data == json.loads(json.dumps(build_navigation(site)))
    products = data["mega_menu"][0]
    assert products["title"] == "Products"
    assert [c["title"] for c in products["columns"]] == [
        "Managed Services",
        "Application Services",
    ]
    groups = products["columns"][1]["groups"]
    assert [g["heading"] for g in groups] == ["Database", "Services"]
    assert len(data["legal_links"]) == 17  # GDPR first, then the corporate links
    assert data["contact"]["numbers"][0] == {
        "label": "General",
        "number": "1.877.388.4373",
        "tel": "tel:+18773884373",
    }


def test_navigation_api_refuses_writes(client, site):
    assert client.post("/api/v2/navigation/").status_code == 405


def test_navigation_settings_admin_renders(admin_client, site):
    response = admin_client.get(
        f"/admin/settings/lumen_cms/navigationsettings/{site.pk}/"
    )
    assert response.status_code == 200
    assert b"Mega menu" in response.content


def test_not_found_settings_admin_renders(admin_client, site):
    response = admin_client.get(
        f"/admin/settings/lumen_cms/notfoundsettings/{site.pk}/"
    )
    assert response.status_code == 200


def test_renaming_the_site_refreshes_the_cached_header(site):
    render_chrome(site)
    site.site_name = "Lumen Cloud EU"
    site.save()
    assert 'aria-label="Lumen Cloud EU home"' in render_chrome(site)


def test_editor_saves_navigation_in_the_admin_and_visitors_see_it(
    admin_client, client, site
):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    assert "© 2024 Lumen. All Rights Reserved." in client.get("/").content.decode()
    data = nested_form_data(
        {
            "mega_menu": streamfield([]),
            "utility_links": streamfield([]),
            "search_label": "Search Lumen",
            "search_hint": "",
            "footer_columns": streamfield([]),
            "legal_links": streamfield([]),
            "contact_heading": "CONTACT",
            "contact_numbers": streamfield(
                [("number", {"label": "Sales", "number": "1.800.555.0100"})]
            ),
            "copyright_notice": "© 2030 Lumen.",
            "corporate_notice": "",
        }
    )
    response = admin_client.post(
        f"/admin/settings/lumen_cms/navigationsettings/{site.pk}/", data
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "© 2030 Lumen." in html
    assert "1.800.555.0100" in html
    assert "mega-menu__details" not in html
