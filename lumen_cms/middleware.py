"""Site middleware: the 404 page with DEBUG on, the security headers Django or
django-csp do not set by themselves (admin CSP, Cross-Origin-Resource-Policy), and
NUL characters kept out of every view."""

from collections.abc import Callable

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
)

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts

from lumen_cms.page_cache import NON_PAGE_PREFIXES
from lumen_cms.views import page_not_found


class NotFoundMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and not getattr(response, "lumen_not_found", False)
            and not request.path.startswith(NON_PAGE_PREFIXES)
        ):
            return page_not_found(request)
        return response

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if (
            settings.DEBUG
            and isinstance(exception, Http404)
            and not request.path.startswith(NON_PAGE_PREFIXES)
        ):
            return page_not_found(request, exception)
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the Wagtail admin's own looser policy under its path.

    django-csp 4 documents subclassing `get_policy_parts` for per-path policies;
    the admin's inline scripts cannot carry nonces (wagtail/wagtail#1288).
    Previews run the public page through the middleware on a dummy request
    (`Page.make_preview_request`): they keep the public policy, but the admin may
    frame them.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(settings.LUMEN_ADMIN_PATH_PREFIX):
            parts.config = settings.LUMEN_ADMIN_CONTENT_SECURITY_POLICY
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy on every response: Django has no setting for it.

    CORP only limits no-cors embedding (img, script); CORS still governs API fetches.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY
        if policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", policy)
        return response


NUL = "\x00"
NUL_MESSAGE = "NUL characters are not allowed."


class NulCharacterMiddleware:
    """NUL characters never reach a view or a query.

    PostgreSQL refuses NUL in any text, so a `%00` in a search, an API filter,
    `find/?html_path=`, an image search or a legal version label was a 500. A path
    with one cannot name anything: 400. In a query string: 400 with a JSON message
    under /api/; elsewhere the NULs are dropped, so a search finds what the rest of
    the words match (often nothing). Sits outside the session, page cache and
    redirect middleware, which would look the path up too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")
        if NUL in request.path:
            if api:
                return JsonResponse({"errors": {"path": [NUL_MESSAGE]}}, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain")
        bad = [
            key
            for key, values in request.GET.lists()
            if NUL in key or any(NUL in value for value in values)
        ]
        if bad and api:
            errors = {key.replace(NUL, ""): [NUL_MESSAGE] for key in bad}
            return JsonResponse({"errors": errors}, status=400)
        if bad:
            query = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                query.setlist(
                    key.replace(NUL, ""), [v.replace(NUL, "") for v in values]
                )
            query._mutable = False
            request.GET = query
        return self.get_response(request)
