"""Headless preview when the host installs wagtail-headless-preview, else Wagtail's own.

The package is optional: a host that does not list ``wagtail_headless_preview`` in
INSTALLED_APPS (or has not installed it) keeps the built-in template preview.
"""

from django.apps import apps

from wagtail.models import Page

if apps.is_installed("wagtail_headless_preview"):
    from wagtail_headless_preview.models import HeadlessPreviewMixin
    from wagtail_headless_preview.settings import headless_preview_settings
else:  # the host smoke suite (tests/host) runs without the package

    class HeadlessPreviewMixin:
        """Stand-in with no behaviour of its own."""

    headless_preview_settings = None


class ExternalPreviewMixin(HeadlessPreviewMixin):
    """Preview drafts in the external front end (WAGTAIL_HEADLESS_PREVIEW CLIENT_URLS);
    without one configured, editors keep the built-in template preview."""

    def serve_preview(self, request, preview_mode):
        if (
            headless_preview_settings is not None
            and headless_preview_settings.CLIENT_URLS
        ):
            return super().serve_preview(request, preview_mode)
        return Page.serve_preview(self, request, preview_mode)
