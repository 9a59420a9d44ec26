from wagtail import hooks

from lumen_cms import page_cache
from lumen_cms.webhooks.admin import WebhookDeliveryViewSet, WebhookEndpointViewSet


@hooks.register("on_serve_page")
def mark_page_for_cache_headers(next_serve_page):
    """Runs only once view restrictions passed: tells the page cache a page answered."""

    def serve(page, request, args, kwargs):
        page_cache.mark_served(request, page)
        return next_serve_page(page, request, args, kwargs)

    return serve


@hooks.register("register_admin_viewset")
def register_webhooks():
    return [
        WebhookEndpointViewSet("webhooks"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    ]
