"""Spam defence without third parties: signed timing token, honeypot, per-IP rate limit.

The token carries no session or cookie, so a cached form page stays valid.
The rate limit uses Django's default cache: LocMem is per process, so production
needs a shared cache (Redis via CACHE_URL).
"""

from __future__ import annotations

import time

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from forms import conf

TOKEN_FIELD = "form_token"  # noqa: S105 - a field name
HONEYPOT_FIELD = "website_url"
REJECTED = (
    "Your submission could not be verified. Please reload the page and try again."
)


def issue_token(page_id: int, *, now: float | None = None) -> str:
    """A signed (page, issued-at) pair; valid between the min and max age."""
    issued = int(now if now is not None else time.time())
    return signing.dumps({"p": page_id, "t": issued}, salt="lumen-forms-token")


def token_problem(token: str | None, page_id: int) -> str | None:
    """None when the token is genuine, for this page, not too fast and not expired."""
    if not token or len(token) > 200:
        return REJECTED
    try:
        data = signing.loads(token, salt="lumen-forms-token")
    except signing.BadSignature:
        return REJECTED
    if not isinstance(data, dict) or data.get("p") != page_id:
        return REJECTED
    age = time.time() - int(data.get("t", 0))
    if age < conf.min_submit_seconds():
        return REJECTED
    if age > conf.token_max_age():
        return "This form has expired. Please reload the page and try again."
    return None


def spam_problem(data, page_id: int) -> str | None:
    """Honeypot then token; the message is the same so bots learn nothing."""
    if data.get(HONEYPOT_FIELD):
        return REJECTED
    return token_problem(data.get(TOKEN_FIELD), page_id)


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request: HttpRequest, page_id: int) -> bool:
    """Count this POST against the per-IP budget; False once over the limit."""
    limit, window = conf.rate_limit()
    key = f"lumen-forms:rate:{page_id}:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
