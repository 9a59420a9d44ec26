from .pages import ProductCategoryPage, ServicePage, ServicePageRelatedService
from .pricing import (
    Currency,
    DataCenter,
    PriceBook,
    PriceSection,
    Product,
    SupportTier,
)
from .pricing_pages import EstimatorPage, PricingCatalogPage
from .settings import ServicePageSettings

__all__ = [
    "Currency",
    "DataCenter",
    "EstimatorPage",
    "PriceBook",
    "PriceSection",
    "PricingCatalogPage",
    "Product",
    "ProductCategoryPage",
    "ServicePage",
    "ServicePageRelatedService",
    "ServicePageSettings",
    "SupportTier",
]
