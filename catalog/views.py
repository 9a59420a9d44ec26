"""JSON and CSV endpoints of the Online Estimator; same engine as the page.

`POST /api/estimator/` takes the JSON request; `GET` (and form-encoded `POST`) take
the URL encoding of catalog.estimator.encoding, the one the page's share links use.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalog.estimator import estimate, parse_request
from catalog.estimator.comparison import compare
from catalog.estimator.encoding import TRUE, decode
from catalog.estimator.engine import Estimate
from catalog.estimator.export import estimate_csv
from catalog.estimator.serialization import comparison_json, estimate_body
from catalog.price_tables import PriceTables

MAX_BODY = 256 * 1024
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def run_estimate(
    data: Any, tables: PriceTables | None = None
) -> tuple[Estimate | None, dict]:
    """(Estimate, {}) or (None, errors) for untrusted estimate input."""
    tables = tables or PriceTables()
    request, errors = parse_request(data, tables)
    if errors:
        return None, dict(errors)
    return estimate(request, tables.get(request.data_center)), {}


def _bad(message: str) -> JsonResponse:
    return JsonResponse({"errors": {"non_field_errors": [message]}}, status=400)


def read_payload(request: HttpRequest) -> tuple[dict | None, Any, JsonResponse | None]:
    """(payload, requested price book, error response) from any accepted encoding."""
    if request.method == "GET" or request.content_type in FORM_TYPES:
        params = request.GET if request.method == "GET" else request.POST
        decoded = decode((k, v[-1]) for k, v in params.lists())
        payload = decoded.payload
        if params.get("skip_unavailable", "").lower() in TRUE:
            payload["skip_unavailable"] = True
        return payload, decoded.price_book, None
    if len(request.body) > MAX_BODY:
        return None, None, _bad("The request is too large.")
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return None, None, _bad("The request is not valid JSON.")
    asked = data.pop("price_book", None) if isinstance(data, dict) else None
    return data, asked, None


def wants_csv(request: HttpRequest) -> bool:
    if request.GET.get("format") == "csv":
        return True
    return request.headers.get("Accept", "").split(",")[0].strip() == "text/csv"


def csv_response(body: dict) -> HttpResponse:
    generated = timezone.now().replace(microsecond=0).isoformat()
    response = HttpResponse(
        estimate_csv(body, generated=generated), content_type="text/csv; charset=utf-8"
    )
    name = f"estimate-{body['data_center']}-{body['price_book']['id']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@csrf_exempt  # a public, side-effect-free calculation for headless clients
@require_http_methods(["GET", "POST"])
def estimator_api(request: HttpRequest) -> HttpResponse:
    payload, asked, error = read_payload(request)
    if error is not None:
        return error
    tables = PriceTables()
    est, errors = run_estimate(payload, tables)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    body = estimate_body(est, payload, tables, asked)
    if wants_csv(request):
        return csv_response(body)
    return JsonResponse(body)


@csrf_exempt  # a public, side-effect-free calculation for headless clients
@require_http_methods(["GET", "POST"])
def estimator_compare_api(request: HttpRequest) -> HttpResponse:
    payload, _, error = read_payload(request)
    if error is not None:
        return error
    if not isinstance(payload, dict):
        return _bad("Expected a JSON object.")
    tables = PriceTables()
    results, errors = compare(payload, tables)
    if errors:
        return JsonResponse({"errors": dict(errors)}, status=400)
    return JsonResponse(comparison_json(results, tables))
