"""Headless preview, falling back to Wagtail's own when no front end is set."""

from wagtail.models import Page

from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings


class ExternalPreviewMixin(HeadlessPreviewMixin):
    """Preview drafts in the external front end (WAGTAIL_HEADLESS_PREVIEW CLIENT_URLS);
    without one configured, editors keep the built-in template preview."""

    def serve_preview(self, request, preview_mode):
        if headless_preview_settings.CLIENT_URLS:
            return super().serve_preview(request, preview_mode)
        return Page.serve_preview(self, request, preview_mode)
