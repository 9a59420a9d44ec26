from .estimator_pages import EstimatorPage, PricingCatalogPage
from .pages import ProductCategoryPage, ServicePage, ServicePageRelatedService
from .pricing import Currency, DataCenter, PriceSection, Product, SupportTier

__all__ = [
    "Currency",
    "DataCenter",
    "EstimatorPage",
    "PriceSection",
    "PricingCatalogPage",
    "Product",
    "ProductCategoryPage",
    "ServicePage",
    "ServicePageRelatedService",
    "SupportTier",
]
