"""The Online Estimator: pure-Python pricing (no Django in engine/validation)."""

from catalog.estimator.engine import Estimate, Line, PriceTable, ProductPrice, estimate
from catalog.estimator.validation import EstimateRequest, parse_request

__all__ = [
    "Estimate",
    "EstimateRequest",
    "Line",
    "PriceTable",
    "ProductPrice",
    "estimate",
    "parse_request",
]
