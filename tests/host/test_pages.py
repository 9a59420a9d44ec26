"""Every app page type is created under the host's home and renders in its chrome."""

from __future__ import annotations

import datetime

from django.contrib.staticfiles import finders

from wagtail.models import Page

import pytest
from hosthelpers import STATIC_REF, assert_host_chrome, publish

from catalog.models import (
    EstimatorPage,
    PricingCatalogPage,
    ProductCategoryPage,
    ServicePage,
)
from forms.models import DPTermsPage, FormField, FormPage
from legal.models import LegalDocumentPage
from resources.models import (
    ArticleIndexPage,
    ArticlePage,
    DeveloperCenterPage,
    StatusPage,
)

pytestmark = pytest.mark.django_db

UNDER_HOME = [
    ProductCategoryPage,
    PricingCatalogPage,
    EstimatorPage,
    LegalDocumentPage,
    FormPage,
    DPTermsPage,
    ArticleIndexPage,
    DeveloperCenterPage,
    StatusPage,
]
ALL_TYPES = [*UNDER_HOME, ServicePage, ArticlePage]


def build_site(home: Page) -> dict[type[Page], Page]:
    """One live page of every type, the top-level ones directly under the host home."""
    category = publish(home, ProductCategoryPage(title="Managed services"))
    legal = publish(
        home,
        LegalDocumentPage(
            title="Terms",
            body=[
                {"type": "clause", "value": {"title": "Scope.", "content": []}},
            ],
        ),
    )
    form = FormPage(title="Contact", to_address="team@host.example")
    form.form_fields = [FormField(label="Email", field_type="email", required=True)]
    index = publish(home, ArticleIndexPage(title="Docs"))
    return {
        ProductCategoryPage: category,
        ServicePage: publish(
            category, ServicePage(title="Databases", summary="Managed databases.")
        ),
        PricingCatalogPage: publish(home, PricingCatalogPage(title="Pricing")),
        EstimatorPage: publish(home, EstimatorPage(title="Estimator")),
        LegalDocumentPage: legal,
        FormPage: publish(home, form),
        DPTermsPage: publish(home, DPTermsPage(title="Accept", terms_page=legal)),
        ArticleIndexPage: index,
        ArticlePage: publish(
            index,
            ArticlePage(
                title="First steps", summary="Start here.", date=datetime.date.today()
            ),
        ),
        DeveloperCenterPage: publish(home, DeveloperCenterPage(title="Developers")),
        StatusPage: publish(home, StatusPage(title="Status")),
    }


@pytest.mark.parametrize("page_type", UNDER_HOME, ids=lambda t: t.__name__)
def test_creatable_under_the_host_home_page(home, page_type):
    assert page_type.can_create_at(home)


@pytest.mark.parametrize("page_type", ALL_TYPES, ids=lambda t: t.__name__)
def test_every_page_type_renders_in_the_host_base_template_with_its_css(
    home, client, page_type
):
    page = build_site(home)[page_type]
    response = client.get(page.url)
    assert response.status_code == 200, page_type
    html = response.content.decode()
    assert_host_chrome(html)
    assert page.title in html
    app_css = [p for p in STATIC_REF.findall(html) if p.endswith(".css")]
    assert any(p.startswith(f"{page._meta.app_label}/") for p in app_css), app_css
    # The host's base writes "<title> - <site name>"; no brand is hard-coded.
    assert "Lumen" not in html


def parent_for(home: Page, page_type: type[Page]) -> Page:
    if page_type is ServicePage:
        return publish(home, ProductCategoryPage(title="Managed services"))
    if page_type is ArticlePage:
        return publish(home, ArticleIndexPage(title="Docs"))
    return home


@pytest.mark.parametrize("page_type", ALL_TYPES, ids=lambda t: t.__name__)
def test_admin_add_and_edit_forms_open_with_every_script_installed(
    home, superuser_client, page_type
):
    opts = page_type._meta
    parent = parent_for(home, page_type)
    add = f"/admin/pages/add/{opts.app_label}/{opts.model_name}/{parent.pk}/"
    for url in (add, "edit"):
        if url == "edit":  # after the add form: some types allow one page only
            url = f"/admin/pages/{build_site(home)[page_type].pk}/edit/"
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        for path in STATIC_REF.findall(response.content.decode()):
            assert finders.find(path), f"{url} links /static/{path}, not installed"
