"""The parent link to Page every app page type declares, so no reverse name clashes."""

from django.db import models

from wagtail.models import Page


def page_link() -> models.OneToOneField:
    """The link to Page, with a reverse accessor no host page type can clash with.

    The default (``Page.<model name>``) collides with a host's own ``FormPage``."""
    return models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        serialize=False,
        related_name="%(app_label)s_%(class)s",
    )
