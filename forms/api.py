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

from forms import spam
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
    from forms.models.pages import LumenFormMixin

    for page in Page.objects.live().filter(slug=slug).specific():
        if isinstance(page, LumenFormMixin):
            return page
    raise Http404


def schema(page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.url,
        "token": spam.issue_token(page.pk),
        "token_field": spam.TOKEN_FIELD,
        "honeypot_field": spam.HONEYPOT_FIELD,
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
        payload = json.loads(request.body or b"null")
    except RequestDataTooBig:
        return error({"__all__": ["Request body too large."]})
    except (ValueError, UnicodeDecodeError):
        return error({"__all__": ["Malformed JSON."]})
    if not isinstance(payload, dict):
        return error({"__all__": ["Expected a JSON object."]})
    if len(payload) > MAX_KEYS:
        return error({"__all__": ["Too many fields."]})
    if not spam.allow(request, page.pk):
        return error({"__all__": ["Too many submissions. Please try later."]}, 429)
    problem = spam.spam_problem(payload, page.pk)
    if problem:
        return error({"__all__": [problem]})
    form = page.get_form(to_form_data(payload), page=page, user=None)
    if not form.is_valid():
        return error({k: [str(m) for m in v] for k, v in form.errors.items()})
    if page.submission_problem():
        return error({"__all__": [page.submission_problem()]}, status=503)
    submission = page.process_form_submission(form)
    return JsonResponse(
        {
            "id": submission.pk,
            "message": plain_text(page.thank_you_text),
            "routed_team": bool(submission.routed_team),
        },
        status=201,
    )
