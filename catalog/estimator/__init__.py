"""The Online Estimator: pure-Python pricing (no Django in engine/validation)."""

from catalog.estimator.engine import Estimate, Line, PriceTable, ProductPrice, estimate
from catalog.estimator.request import EstimateRequest
from catalog.estimator.validation import parse_request

__all__ = [
    "Estimate",
    "EstimateRequest",
    "Line",
    "PriceTable",
    "ProductPrice",
    "estimate",
    "parse_request",
]
