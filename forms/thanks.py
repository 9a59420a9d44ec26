"""Post/Redirect/Get: a stored submission answers with a redirect to its thank-you page.

Reloading the thank-you page repeats a GET, never the post. The redirect carries a
signed, short-lived reference (no session or cookie, like the spam token), so the
page can show the submitter what was recorded (route follow-up link, DP acceptance)
to whoever holds that address for a while, and only the thank-you text afterwards.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers

from forms.conf import thank_you_max_age

PARAM = "thanks"
SALT = "lumen-forms.thank-you"


def redirect_to_thanks(page, request: HttpRequest, submission) -> HttpResponse:
    """303 See Other to the page's thank-you view for this submission."""
    payload = {"p": page.pk, "s": submission.pk}
    acceptance = getattr(submission, "acceptance", None)
    if acceptance is not None:
        payload["a"] = acceptance.pk
    reference = signing.dumps(payload, salt=SALT, compress=True)
    url = page.get_url(request) or page.url
    response = HttpResponseRedirect(f"{url}?{urlencode({PARAM: reference})}")
    response.status_code = 303
    return response


def submission_for(page, reference: str):
    """The submission a valid, unexpired reference for this page names, or None."""
    try:
        payload = signing.loads(reference, salt=SALT, max_age=thank_you_max_age())
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("p") != page.pk:
        return None
    submission = (
        page.get_submission_class()
        .objects.filter(pk=payload.get("s"), page=page)
        .first()
    )
    if submission is not None and "a" in payload:
        from forms.models import DPAcceptance

        submission.acceptance = (
            DPAcceptance.objects.filter(pk=payload["a"], page=page)
            .select_related("version__document")
            .first()
        )
    return submission


def render_thanks(page, request: HttpRequest) -> HttpResponse:
    """The landing page; personal details only for a valid reference, never cached
    by the site or shared caches, never sent on in a Referer header."""
    submission = submission_for(page, request.GET.get(PARAM, ""))
    response = page.render_landing_page(request, submission)
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
