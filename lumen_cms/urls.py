from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from lumen_cms import media, views
from lumen_cms.api import api_router
from lumen_cms.openapi import openapi_view
from lumen_cms.resolve import resolve_api
from lumen_cms.routes_api import redirects_api, sitemap_api

handler404 = "lumen_cms.views.page_not_found"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("media/<path:path>", media.serve_media, name="media"),
    path("api/v2/navigation/", views.navigation_api, name="navigation_api"),
    path("api/v2/resolve/", resolve_api, name="resolve_api"),
    path("api/v2/sitemap/", sitemap_api, name="sitemap_api"),
    path("api/v2/redirects/", redirects_api, name="redirects_api"),
    path("api/openapi.json", openapi_view, name="openapi"),
    path("api/v2/", api_router.urls),
    path("search/", views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("", include("catalog.urls")),
    path("", include("legal.urls")),
    path("", include("forms.urls")),
    path("", include("resources.urls")),
]

urlpatterns += [path("", include(wagtail_urls))]
