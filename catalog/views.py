"""JSON endpoint of the Online Estimator; same engine and price tables as the page."""

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalog.estimator import estimate, parse_request
from catalog.price_tables import PriceTables

MAX_BODY = 256 * 1024


def run_estimate(data: object) -> tuple[dict | None, dict]:
    """(response body, errors) for untrusted estimate input."""
    tables = PriceTables()
    request, errors = parse_request(data, tables)
    if errors:
        return None, dict(errors)
    table = tables.get(request.data_center)
    return estimate(request, table).as_json(), {}


@csrf_exempt  # a public, side-effect-free JSON calculation for headless clients
@require_POST
def estimator_api(request: HttpRequest) -> JsonResponse:
    if len(request.body) > MAX_BODY:
        return JsonResponse(
            {"errors": {"non_field_errors": ["Body too large."]}}, status=400
        )
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return JsonResponse(
            {"errors": {"non_field_errors": ["Invalid JSON."]}}, status=400
        )
    body, errors = run_estimate(data)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse(body)
