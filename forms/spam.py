"""Spam defence without third parties: signed timing token, honeypot, rate limit.

The token carries no session or cookie, so a cached form page stays valid; it is
spent by the submission it carries (single-use, `SpentFormToken`). The rate limit
counts stored submissions per client address and page in Django's default cache
(LocMem is per process, so production needs a shared cache: Redis via CACHE_URL).
Invalid posts store nothing and are not counted, so nobody can lock a form for
others with junk. The client address comes from `FORMS_CLIENT_IP` (a dotted path
to a `request -> str` function; default REMOTE_ADDR), so a site behind a proxy uses
the same resolution as its login lockout.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.module_loading import import_string

from forms import conf

TOKEN_FIELD = "form_token"  # noqa: S105 - a field name
HONEYPOT_FIELD = "website_url"
MAX_TOKEN_LENGTH = 200
REJECTED = (
    "Your submission could not be verified. Please reload the page and try again."
)
SPENT = "This form was already sent. Please reload the page to send another."
RATE_LIMITED = "Too many submissions from your address. Please try later."


class TokenSpent(Exception):
    """The token already carried a stored submission."""


def issue_token(page_id: int, *, now: float | None = None) -> str:
    """A signed (page, issued-at, nonce) triple; valid between the min and max age."""
    issued = int(now if now is not None else time.time())
    payload = {"p": page_id, "t": issued, "n": secrets.token_urlsafe(9)}
    return signing.dumps(payload, salt="lumen-forms-token")


def token_problem(token: object, page_id: int) -> str | None:
    """None when the token is genuine, for this page, not too fast and not expired."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return REJECTED
    try:
        data = signing.loads(token, salt="lumen-forms-token")
    except signing.BadSignature:
        return REJECTED
    if not isinstance(data, dict) or data.get("p") != page_id:
        return REJECTED
    issued = data.get("t")
    if not isinstance(issued, int):
        return REJECTED
    age = time.time() - issued
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


def spend_token(token: str) -> None:
    """Record the token as used; `TokenSpent` if it already was (even concurrently)."""
    from forms.models import SpentFormToken

    digest = hashlib.sha256(token.encode()).hexdigest()
    try:
        with transaction.atomic():
            SpentFormToken.objects.create(digest=digest)
    except IntegrityError as exc:
        raise TokenSpent(SPENT) from exc


def purge_spent_tokens() -> int:
    """Forget spent tokens old enough to have expired anyway."""
    from forms.models import SpentFormToken

    cutoff = timezone.now() - timedelta(seconds=conf.token_max_age() + 60)
    deleted, _ = SpentFormToken.objects.filter(spent_at__lt=cutoff).delete()
    return deleted


def remote_addr(request: HttpRequest) -> str | None:
    """The default client address: the connection's peer (no proxy in front)."""
    return request.META.get("REMOTE_ADDR")


def client_ip(request: HttpRequest) -> str:
    """`FORMS_CLIENT_IP`'s answer, else the peer address (never one shared bucket)."""
    resolve = import_string(conf.client_ip_resolver())
    return resolve(request) or remote_addr(request) or "unknown"


def _rate_key(request: HttpRequest, page_id: int) -> str:
    return f"lumen-forms:rate:{page_id}:{client_ip(request)}"


def over_limit(request: HttpRequest, page_id: int) -> bool:
    """True once this client stored its budget of submissions on this page."""
    limit, _window = conf.rate_limit()
    return (cache.get(_rate_key(request, page_id)) or 0) >= limit


def count_submission(request: HttpRequest, page_id: int) -> None:
    """Count one stored submission against the client's budget."""
    _limit, window = conf.rate_limit()
    key = _rate_key(request, page_id)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
