"""Every app page type is created under the host's home and renders in its chrome."""

from __future__ import annotations

from datetime import date

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
TERMS = [{"type": "clause", "value": {"title": "Scope.", "content": []}}]


def make_page(home: Page, page_type: type[Page]) -> Page:
    """One live page of ``page_type`` (and the parent it needs) under the host home."""
    if page_type is ServicePage:
        category = publish(home, ProductCategoryPage(title="Managed services"))
        return publish(category, ServicePage(title="Databases", summary="Managed."))
    if page_type is ArticlePage:
        index = publish(home, ArticleIndexPage(title="Docs"))
        return publish(
            index,
            ArticlePage(title="First steps", summary="Start.", date=date.today()),
        )
    if page_type is LegalDocumentPage:
        return publish(home, LegalDocumentPage(title="Terms", body=TERMS))
    if page_type is DPTermsPage:
        terms = publish(home, LegalDocumentPage(title="Terms", body=TERMS))
        return publish(home, DPTermsPage(title="Accept", terms_page=terms))
    if page_type is FormPage:
        form = FormPage(title="Contact", to_address="team@host.example")
        form.form_fields = [FormField(label="Email", field_type="email")]
        return publish(home, form)
    return publish(home, page_type(title=page_type._meta.verbose_name.title()))


@pytest.mark.parametrize("page_type", UNDER_HOME, ids=lambda t: t.__name__)
def test_creatable_under_the_host_home_page(home, page_type):
    assert page_type.can_create_at(home)


@pytest.mark.parametrize("page_type", ALL_TYPES, ids=lambda t: t.__name__)
def test_every_page_type_renders_in_the_host_base_template_with_its_css(
    home, client, page_type
):
    page = make_page(home, page_type)
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
            url = f"/admin/pages/{make_page(home, page_type).pk}/edit/"
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        for path in STATIC_REF.findall(response.content.decode()):
            assert finders.find(path), f"{url} links /static/{path}, not installed"


@pytest.mark.parametrize("page_type", [EstimatorPage, LegalDocumentPage, FormPage])
def test_base_without_asset_blocks_gets_them_in_content(
    home, client, settings, page_type
):
    """LUMEN_BASE_TEMPLATE picks the host's base; one with no extra_css/extra_js
    (like bakerydemo's) still gets each stylesheet and script once, in content."""
    page = make_page(home, page_type)
    html = client.get(page.url).content.decode()
    css = [p for p in STATIC_REF.findall(html) if p.endswith(".css")]
    assert len(css) == len(set(css))  # the host base has the blocks: no duplicates

    settings.LUMEN_BASE_TEMPLATE = "hostpages/plain_base.html"
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Plain host header" in html and "/static/css/hostsite.css" not in html
    assets = STATIC_REF.findall(html)
    assert any(p.startswith(f"{page._meta.app_label}/") for p in assets), assets
    assert len(assets) == len(set(assets))
    if page_type is EstimatorPage:
        assert "catalog/estimator.js" in assets
