"""What the estimator tests share: the API call, validation errors of a payload,
the page's text."""

import json
import re
from html import unescape

from django.test import Client

from catalog.estimator import parse_request
from catalog.price_tables import PriceTables

URL = "/api/estimator/"
# a product key (server:cpu) or a field path (servers[0]): never in a message
INTERNAL = re.compile(r"[a-z-]+:[a-z-]+|\w+\[\d+\]")


def post(client: Client, payload) -> tuple[int, dict]:
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    response = client.post(URL, body, content_type="application/json")
    return response.status_code, response.json()


def errors_of(payload) -> dict:
    _, errors = parse_request(payload, PriceTables())
    return dict(errors)


def only(payload) -> tuple[str, list[str]]:
    errors = errors_of(payload)
    assert len(errors) == 1, errors
    return next(iter(errors.items()))


def text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<option[^>]*>.*?</option>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def total(html: str) -> str:
    return re.search(r'id="est-total-amount">([^<]*)<', html).group(1)


def get(client, page, query: str = "", **headers):
    return client.get(f"{page.url}?{query}" if query else page.url, **headers)
