"""The Online Estimator: pure-Python pricing (no Django in the estimator package)."""

from catalog.estimator.engine import (
    Estimate,
    PricedLine,
    PriceTable,
    ProductPrice,
    estimate,
)
from catalog.estimator.request import EstimateRequest
from catalog.estimator.validation import parse_request

__all__ = [
    "Estimate",
    "EstimateRequest",
    "PriceTable",
    "PricedLine",
    "ProductPrice",
    "estimate",
    "parse_request",
]
