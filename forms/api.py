"""Headless JSON endpoints: form schema with a signed token, and JSON submission.

CSRF-safe without cookies: POST accepts only `application/json` (a cross-site HTML form
cannot send it without a CORS preflight) and requires the signed form token from the
schema endpoint; no session or cookie is read, so there is no ambient authority.
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.html import strip_tags
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page

from forms import services, spam
from forms.acceptance_form import TERMS_VERSION_FIELD as FIELD
from forms.builder import EMAIL_MAX, MULTI_LINE_MAX, SINGLE_LINE_MAX

MAX_KEYS = 1000
MAX_LENGTHS = {
    "email": EMAIL_MAX,
    "singleline": SINGLE_LINE_MAX,
    "multiline": MULTI_LINE_MAX,
}


BLOCK_END = re.compile(r"(</(p|h[1-6]|li|div|blockquote)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(rich_text: str) -> str:
    """Rich text as plain text with its paragraphs kept apart (not run together)."""
    text = strip_tags(BLOCK_END.sub(r"\1\n", rich_text or ""))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def form_page_for(slug: str):
    """A live form page anyone may see: login-, password- or group-restricted pages
    are not served here (this endpoint reads no session), like /api/v2/pages/."""
    from forms.models.pages import LumenFormMixin

    for page in Page.objects.live().public().filter(slug=slug).specific():
        if isinstance(page, LumenFormMixin):
            return page
    raise Http404


def terms_version(page) -> dict | None:
    """The DP terms version the form shows; submissions send its label back."""
    version = page.current_version() if hasattr(page, "current_version") else None
    if version is None:
        return None
    return {
        "label": version.label,
        "sha256": version.sha256,
        "effective_date": version.effective_date.isoformat(),
        "title": version.document.title,
        "url": version.get_absolute_url(),
    }


def schema(page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.url,
        "token": spam.issue_token(page.pk),
        "token_field": spam.TOKEN_FIELD,
        "honeypot_field": spam.HONEYPOT_FIELD,
        **(
            {"terms_version": terms_version(page), "terms_version_field": FIELD}
            if hasattr(page, "current_version")
            else {}
        ),
        "fields": [
            {
                "name": f.clean_name,
                "label": f.label,
                "type": f.field_type,
                "required": f.required,
                "choices": [c.strip() for c in f.choices.splitlines() if c.strip()]
                if "\n" in f.choices
                else [c.strip() for c in f.choices.split(",") if c.strip()],
                "help_text": f.help_text,
                "max_length": MAX_LENGTHS.get(f.field_type),
            }
            for f in page.get_form_fields()
        ],
    }


def error(errors: dict, status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


class BadPayload(ValueError):
    """The body is not a JSON object this endpoint can take."""


def has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_payload(body: bytes) -> dict:
    """A JSON object, or `BadPayload` with a message.

    Deeply nested JSON exhausts the parser's recursion; lone surrogates (`"\\ud800"`)
    are valid JSON but no database stores them: both are refused here.
    """
    try:
        payload = json.loads(body or b"null")
    except RecursionError as exc:
        raise BadPayload("JSON nested too deeply.") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadPayload("Malformed JSON.") from exc
    if not isinstance(payload, dict):
        raise BadPayload("Expected a JSON object.")
    if len(payload) > MAX_KEYS:
        raise BadPayload("Too many fields.")
    for key, value in payload.items():
        values = value if isinstance(value, list) else [value]
        if has_lone_surrogate(key) or any(
            isinstance(v, str) and has_lone_surrogate(v) for v in values
        ):
            raise BadPayload("Text must be valid Unicode (no lone surrogates).")
    return payload


def to_form_data(payload: dict):
    """JSON values to QueryDict-like data: lists stay lists, booleans become 'on'."""
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for key, value in payload.items():
        if isinstance(value, list):
            data.setlist(key, [str(v) for v in value])
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = str(value)
    return data


@csrf_exempt
def form_endpoint(request: HttpRequest, slug: str) -> JsonResponse:
    page = form_page_for(slug)
    if request.method == "GET":
        return JsonResponse(schema(page))
    if request.method != "POST":
        return error({"__all__": ["Method not allowed."]}, status=405)
    if request.content_type != "application/json":
        return error({"__all__": ["Send application/json."]}, status=415)
    try:
        payload = parse_payload(request.body)
    except RequestDataTooBig:
        return error({"__all__": ["Request body too large."]})
    except BadPayload as bad:
        return error({"__all__": [str(bad)]})
    if spam.over_limit(request, page.pk):
        return error({"__all__": ["Too many submissions. Please try later."]}, 429)
    problem = spam.spam_problem(payload, page.pk)
    if problem:
        return error({"__all__": [problem]})
    form = page.get_form(to_form_data(payload), page=page, user=None)
    if not form.is_valid():
        return error({k: [str(m) for m in v] for k, v in form.errors.items()})
    if page.submission_problem():
        return error({"__all__": [page.submission_problem()]}, status=503)
    try:
        submission = services.submit(
            page=page, form=form, token=payload[spam.TOKEN_FIELD]
        )
    except spam.TokenSpent as spent:
        return error({"__all__": [str(spent)]})
    spam.count_submission(request, page.pk)
    return JsonResponse(
        {
            "id": submission.pk,
            "message": plain_text(page.thank_you_text),
            "routed_team": bool(submission.routed_team),
        },
        status=201,
    )
