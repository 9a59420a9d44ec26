"""Show the site's own 404 page with DEBUG on too (Django then skips handler404)."""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from lumen_cms.views import page_not_found

EXCLUDED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/documents/")


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
            and not request.path.startswith(EXCLUDED_PREFIXES)
        ):
            return page_not_found(request)
        return response

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if (
            settings.DEBUG
            and isinstance(exception, Http404)
            and not request.path.startswith(EXCLUDED_PREFIXES)
        ):
            return page_not_found(request, exception)
        return None
