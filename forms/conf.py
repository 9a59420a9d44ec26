"""Settings this app reads, each with the default a host project gets.

``LUMEN_BASE_TEMPLATE`` (default ``"base.html"``): the host's base template this
app's pages extend (``lumen_kit.host_templates``, shared by the four apps).
``FORMS_RATE_LIMIT`` (default ``(10, 600)``): posts allowed per client IP and page in
that many seconds, counted in the default cache (use a shared cache in production).
``FORMS_MIN_SUBMIT_SECONDS`` (default ``2``): a form sent sooner after it was served
is refused as a bot's. ``FORMS_TOKEN_MAX_AGE`` (default 7 days, in seconds): an
older form must be reloaded. ``FORMS_CLIENT_IP`` (default
``"forms.spam.remote_addr"``): the function that names a request's client for the rate
limit; the reference site uses django-axes' resolver (``AXES_IP_HEADERS``).
"""

from django.conf import settings

# Re-exported ("x as x"): code and hosts import these from the app's conf.
from lumen_kit.host_templates import HostBaseTemplateMixin as HostBaseTemplateMixin
from lumen_kit.host_templates import base_blocks as base_blocks
from lumen_kit.host_templates import base_template as base_template


def rate_limit() -> tuple[int, int]:
    """(posts, seconds) per client IP and page (FORMS_RATE_LIMIT)."""
    return getattr(settings, "FORMS_RATE_LIMIT", (10, 600))


def min_submit_seconds() -> float:
    """Fastest plausible human fill time (FORMS_MIN_SUBMIT_SECONDS)."""
    return getattr(settings, "FORMS_MIN_SUBMIT_SECONDS", 2)


def token_max_age() -> int:
    """Seconds a served form stays valid (FORMS_TOKEN_MAX_AGE)."""
    return getattr(settings, "FORMS_TOKEN_MAX_AGE", 7 * 24 * 3600)


def thank_you_max_age() -> int:
    """Seconds a thank-you link shows the submitter's own details
    (FORMS_THANK_YOU_MAX_AGE); after that it shows only the thank-you text."""
    return getattr(settings, "FORMS_THANK_YOU_MAX_AGE", 30 * 60)


def client_ip_resolver() -> str:
    """Dotted path of a function(request) -> client IP (FORMS_CLIENT_IP); the default
    is the connection's peer address, right only when no proxy is in front."""
    return getattr(settings, "FORMS_CLIENT_IP", "forms.spam.remote_addr")
