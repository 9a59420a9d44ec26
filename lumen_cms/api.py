"""The headless API router: Wagtail API v2 plus the small endpoints Wagtail lacks."""

import re
from types import SimpleNamespace
from typing import Any

from django.core.signing import BadSignature
from django.http import Http404, HttpRequest

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import (
    DocumentsAPIViewSet as WagtailDocumentsAPIViewSet,
)
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.models import Page, Site

from rest_framework.response import Response
from wagtail_headless_preview.models import PagePreview

from lumen_cms.api_prefetch import load_for_api, select_for_api

MAX_OFFSET = 2**31 - 1


class BoundedPagination(WagtailPagination):
    """Refuse offsets the database cannot hold (SQLite raised a 500 on ?offset=1e23)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class SafeSearchMixin:
    """Drop a `search` with no word characters: the database search backend raised a
    500 on whitespace-only queries such as `?search=%0C` (found by schemathesis)."""

    def initial(self, request, *args, **kwargs):
        search = request.GET.get("search")
        if search is not None and not re.search(r"\w", search):
            query = request.GET.copy()
            del query["search"]
            request._request.GET = query
        return super().initial(request, *args, **kwargs)


class PagesAPIViewSet(SafeSearchMixin, WagtailPagesAPIViewSet):
    """Listings load what their fields read in bulk, as each page type declares
    (`api_select_related`, `api_prefetch_related`, `api_bulk_load`: see
    lumen_cms/api_prefetch.py), so `fields=*` costs no query per page."""

    pagination_class = BoundedPagination

    def get_base_queryset(self):
        # Wagtail builds it three times per listing (queryset, serializer class,
        # serializer context), reading every view restriction each time.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "listing_view":
            return queryset
        return select_for_api(queryset, self.listed_fields(queryset.model))

    def listed_fields(self, model) -> set[str]:
        """The fields the listing shows for `model` (none if `fields` is invalid:
        Wagtail reports that itself, later)."""
        cached = getattr(self, "_listed_fields", None)
        if cached is not None and cached[0] is model:
            return cached[1]
        try:
            config = parse_fields_parameter(self.request.GET.get("fields", ""))
            serializer = self._get_serializer_class(
                self.request.wagtailapi_router, model, config
            )
            fields = set(serializer.Meta.fields)
        except (BadRequestError, ValueError):
            fields = set()
        self._listed_fields = (model, fields)
        return fields

    def listing_view(self, request):
        queryset = self.get_queryset()
        model = queryset.model
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)  # search results have no model
        pages = list(self.paginate_queryset(queryset))
        load_for_api(pages, model, self.listed_fields(model), request)
        serializer = self.get_serializer(pages, many=True)
        return self.get_paginated_response(serializer.data)


class ImagesAPIViewSet(SafeSearchMixin, WagtailImagesAPIViewSet):
    pagination_class = BoundedPagination


class DocumentsAPIViewSet(SafeSearchMixin, WagtailDocumentsAPIViewSet):
    pagination_class = BoundedPagination


class PagePreviewAPIViewSet(PagesAPIViewSet):
    """A draft as the pages API would show it, for the external preview front end.

    The token is created when an editor presses Preview (wagtail-headless-preview);
    without a valid, stored token nothing is returned, so drafts never leak.
    """

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["content_type", "token"]
    )

    def listing_view(self, request):
        page = self.get_object()
        return Response(self.get_serializer(page).data)

    def detail_view(self, request, pk):
        return self.listing_view(request)

    def get_object(self):
        token = self.request.GET.get("token", "")[:255]
        preview = PagePreview.objects.filter(token=token).first() if token else None
        if preview is None:
            raise Http404("Unknown or expired preview token.")
        page = preview.as_page()
        try:
            page.get_preview_signer().unsign(token)
        except (AttributeError, BadSignature) as exc:
            raise Http404("Unknown or expired preview token.") from exc
        self.action = "detail_view"
        self.kwargs = {"pk": page.pk}
        return page


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)


class RoutedPageParent:
    """Stands in for the API's `base_queryset` when one routed page is serialised:
    its parent is visible whenever the page is (view restrictions apply to whole
    subtrees), so "live and inside the site" is all the `parent` field needs to
    know, and that needs no query."""

    def __init__(self, page: Page, site: Site) -> None:
        parent = page.get_parent()
        root = site.root_page
        self.visible_id = (
            parent.pk
            if parent is not None and parent.live and parent.path.startswith(root.path)
            else None
        )

    def filter(self, *, id: int) -> SimpleNamespace:
        visible = id == self.visible_id
        return SimpleNamespace(exists=lambda: visible)


def serialize_page(request: HttpRequest, page: Page, *, site: Site) -> dict[str, Any]:
    """The live page as `/api/v2/pages/<id>/` shows it (its type's api_fields)."""
    view = PagesAPIViewSet(
        request=request, action="detail_view", kwargs={"pk": page.pk}
    )
    view._cached_object = page
    request.wagtailapi_router = api_router
    serializer_class = view._get_serializer_class(
        api_router, type(page), [], show_details=True
    )
    context = {
        "request": request,
        "view": view,
        "router": api_router,
        "base_queryset": RoutedPageParent(page, site),
    }
    return serializer_class(page, context=context).data
