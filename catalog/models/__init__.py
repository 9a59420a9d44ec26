from .estimator_pages import EstimatorPage, PricingCatalogPage
from .pages import ProductCategoryPage, ServicePage, ServicePageRelatedService
from .pricing import (
    Currency,
    DataCenter,
    PriceBook,
    PriceSection,
    Product,
    SupportTier,
)

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
    "SupportTier",
]
