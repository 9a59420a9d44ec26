"""Site-wide texts of service pages: the contact call to action under every service."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class ServicePageSettings(BaseSiteSetting):
    """The contact call to action every service page ends with (one place to edit)."""

    contact_heading = models.CharField(
        max_length=120, blank=True, default="Talk to an expert"
    )
    contact_text = models.CharField(
        max_length=250,
        blank=True,
        default="Tell us what you need and a representative will get back to you.",
    )
    contact_button_text = models.CharField(max_length=60, default="Contact us")
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Page the button opens. Empty: no call to action is shown.",
    )

    panels = [
        FieldPanel("contact_heading"),
        FieldPanel("contact_text"),
        FieldPanel("contact_button_text"),
        FieldPanel("contact_page"),
    ]

    class Meta:
        verbose_name = "service pages"
