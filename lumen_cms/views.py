"""Site-wide views: not-found page, search, robots.txt and the navigation API."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Site

from lumen_cms import not_found_shell
from lumen_cms.models import NotFoundSettings
from lumen_cms.navigation import navigation_for_host
from lumen_cms.site_search import KINDS, SearchResults, did_you_mean, search_terms
from lumen_cms.suggestions import suggest_pages

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def page_not_found(request: HttpRequest, exception: Exception | None = None):
    """handler404: the editable page inside the full site chrome; JSON under /api/."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    site = Site.find_for_request(request)
    texts = NotFoundSettings.for_request(request) if site else NotFoundSettings()
    context = {
        "not_found": texts,
        "contact_url": texts.contact_page.url if texts.contact_page_id else "",
    }
    shell = getattr(request, not_found_shell.REQUEST_ATTR, False)
    if shell:
        # The page cache fills in the path and suggestions for each request.
        context["requested_path"] = not_found_shell.PATH_MARK
        context["suggestions_slot"] = not_found_shell.SUGGESTIONS_MARK
    else:
        context["requested_path"] = request.path[:200]
        context["suggestions"] = suggest_pages(site=site, path=request.path)
    response = render(request, "404.html", context, status=404)
    response.lumen_not_found = True
    response.lumen_not_found_shell = shell
    response.lumen_suggestions_heading = texts.suggestions_heading
    return response


def search(request: HttpRequest) -> HttpResponse:
    """Site search; the query is trimmed and capped so hostile input stays cheap."""
    raw_query = request.GET.get("q", "")[: MAX_QUERY_LENGTH * 4]
    query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH].strip()
    kind = request.GET.get("type", "")[:20]
    results_page = results = None
    suggestion = ""
    if query and search_terms(query):
        site = Site.find_for_request(request)
        results = SearchResults(query=query, site=site, kind=kind)
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        if not results.total:
            suggestion = did_you_mean(query, site=site)
    return render(
        request,
        "lumen_cms/search.html",
        {
            "search_query": query,
            "search": results,
            "results": results_page,
            "kinds": KINDS,
            "suggestion": suggestion,
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: the process answers; no database or cache."""
    response = HttpResponse("ok", content_type="text/plain")
    add_never_cache_headers(response)
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
@cache_control(max_age=60, public=True)
def navigation_api(request: HttpRequest) -> JsonResponse:
    """GET /api/v2/navigation/: the menus and footer the templates render, as JSON
    (the same cached data), in one cache read and no query when warm."""
    return JsonResponse(
        navigation_for_host(request), json_dumps_params={"ensure_ascii": False}
    )
