"""The Online Estimator. Its core is pure Python (no Django): validation turns
untrusted input into a typed request, the engine prices it against a data center's
PriceTable, and encoding, serialization, export and comparison present the result.
Only `catalog.estimator.page` (the EstimatorPage's form and context) uses Django.
"""

from catalog.estimator.engine import Estimate, estimate
from catalog.estimator.line_pricing import PricedLine
from catalog.estimator.prices import PriceTable, ProductPrice
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
