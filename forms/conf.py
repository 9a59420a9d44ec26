"""Settings this app reads, each with the default a host project gets."""

from django.conf import settings


def base_template() -> str:
    """The host's base template that this app's pages extend (LUMEN_BASE_TEMPLATE)."""
    return getattr(settings, "LUMEN_BASE_TEMPLATE", "base.html")


class HostBaseTemplateMixin:
    """Page mixin: templates extend ``base_template``, so a host's own base works."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = base_template()
        return context


def thank_you_max_age() -> int:
    """Seconds a thank-you link shows the submitter's own details
    (FORMS_THANK_YOU_MAX_AGE); after that it shows only the thank-you text."""
    return getattr(settings, "FORMS_THANK_YOU_MAX_AGE", 30 * 60)
