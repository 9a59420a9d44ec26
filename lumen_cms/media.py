"""Uploaded images served by the site itself when media live on local disk.

Without it, production (DEBUG off, `MEDIA_STORAGE=local`) answered 404 for every
image. Only the public image folders are served; documents never are (they stay
behind Wagtail's serve view and its privacy checks, `/documents/<id>/<name>`).
`SERVE_MEDIA=false` hands the job to a web server in front (README "Production").
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.views.decorators.http import require_safe
from django.views.static import serve

PUBLIC_MEDIA_FOLDERS = ("images", "original_images")
MAX_AGE = 24 * 3600


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    folder = path.split("/", 1)[0]
    if not settings.SERVE_MEDIA or folder not in PUBLIC_MEDIA_FOLDERS:
        return HttpResponseNotFound("Not found.", content_type="text/plain")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except Http404:
        return HttpResponseNotFound("Not found.", content_type="text/plain")
    response.headers.setdefault("Cache-Control", f"public, max-age={MAX_AGE}")
    return response
