import pytest

from catalog.models import ProductCategoryPage, ServicePage, ServicePageRelatedService
from tests.catalog.factories import ProductCategoryPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(home_page):
    return ProductCategoryPageFactory(parent=home_page, slug="application-services")


def test_category_lists_services_grouped_in_tree_order(client, category):
    ServicePageFactory(parent=category, title="Relational DB", group="Database")
    ServicePageFactory(parent=category, title="Another DB", group="Database")
    ServicePageFactory(parent=category, title="Security", group="Services")
    groups = category.service_groups
    assert [g["heading"] for g in groups] == ["Database", "Services"]
    assert [s.title for s in groups[0]["services"]] == ["Relational DB", "Another DB"]
    html = client.get(category.url).content.decode()
    assert (
        html.index("Database") < html.index("Relational DB") < html.index("Another DB")
    )
    assert html.index("Services</h2>") < html.index("Security</a>")


def test_category_without_groups_lists_services_plainly(client, category):
    ServicePageFactory(parent=category, title="Apache")
    assert category.service_groups[0]["heading"] == ""
    html = client.get(category.url).content.decode()
    assert "Apache" in html
    assert "service-group__heading" not in html


def test_unpublished_services_are_hidden(client, category):
    service = ServicePageFactory(parent=category, title="Hidden one")
    service.unpublish()
    assert "Hidden one" not in client.get(category.url).content.decode()


def test_service_page_renders_summary_body_and_related(client, category):
    other = ServicePageFactory(parent=category, title="MySQL", slug="mysql")
    service = ServicePageFactory(
        parent=category,
        title="Relational DB MySQL-Compatible",
        slug="relational-db-mysql",
        summary="A MySQL-compatible database as a service instance.",
        body=[("paragraph", "<p>Fully managed.</p>")],
    )
    ServicePageRelatedService.objects.create(page=service, related_page=other)
    response = client.get("/application-services/relational-db-mysql/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A MySQL-compatible database as a service instance." in html
    assert "Fully managed." in html
    assert 'href="/application-services/mysql/"' in html
    assert 'aria-label="Breadcrumb"' in html


def test_page_type_rules():
    assert ProductCategoryPage.allowed_subpage_models() == [ServicePage]
    assert ServicePage.allowed_parent_page_models() == [ProductCategoryPage]


def test_pages_api_exposes_catalog_fields(client, category):
    ServicePageFactory(parent=category, title="Security", group="Services")
    response = client.get(
        "/api/v2/pages/", {"type": "catalog.ServicePage", "fields": "summary,group"}
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["group"] == "Services"
    assert item["summary"]


def test_editor_can_create_a_service_in_the_admin(admin_client, category):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        streamfield,
    )

    data = nested_form_data(
        {
            "title": "Security",
            "slug": "security",
            "summary": "Managed options layered to defend Cloud/Hosting workloads.",
            "group": "Services",
            "body": streamfield([]),
            "related_services": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/catalog/servicepage/{category.pk}/", data
    )
    assert response.status_code == 302, response.content[:3000]
    assert ServicePage.objects.get(slug="security").live
