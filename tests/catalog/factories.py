import factory
import wagtail_factories

from catalog.models import (
    EstimatorPage,
    PricingCatalogPage,
    ProductCategoryPage,
    ServicePage,
)


class ProductCategoryPageFactory(wagtail_factories.PageFactory):
    title = "Managed Services"
    intro = "We manage it for you."

    class Meta:
        model = ProductCategoryPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Service {n}")
    summary = "Management and maintenance for your workloads."

    class Meta:
        model = ServicePage


class PricingCatalogPageFactory(wagtail_factories.PageFactory):
    title = "Pricing Catalog"
    slug = "pricing"

    class Meta:
        model = PricingCatalogPage


class EstimatorPageFactory(wagtail_factories.PageFactory):
    title = "Online Estimator"
    slug = "estimator"

    class Meta:
        model = EstimatorPage
