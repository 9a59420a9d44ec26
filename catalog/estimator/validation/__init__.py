"""Turn untrusted JSON into a typed EstimateRequest, with a message per field.

Field paths (`servers[0].cpu`) are for programs; messages are for people and never
name internal product keys. What a data center does not offer is refused, or with
`skip_unavailable` left out and listed, so a page can keep the lines that apply.
"""

from catalog.estimator.validation.parser import Tables, parse_request
from catalog.estimator.validation.values import Errors

__all__ = ["Errors", "Tables", "parse_request"]
