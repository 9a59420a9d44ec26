"""Site-wide chrome as site settings: editors change menus and footer, no deploy."""

from django.db import models

from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from lumen_cms.blocks import (
    ContactNumberBlock,
    FooterColumnBlock,
    LinkBlock,
    MegaMenuEntryBlock,
)


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """Header, mega-menu and footer of one site (templates and navigation API)."""

    mega_menu = StreamField(
        [("entry", MegaMenuEntryBlock())],
        blank=True,
        use_json_field=True,
        help_text="Top-level menu entries, in order.",
    )
    utility_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        use_json_field=True,
        help_text="Small links at the top of the header (Contact Us, Sign in…).",
    )
    search_label = models.CharField(max_length=80, default="Search Lumen")
    search_hint = models.CharField(
        max_length=200,
        blank=True,
        default="Search anytime by typing what you need and pressing ENTER",
    )
    footer_columns = StreamField(
        [("column", FooterColumnBlock())],
        blank=True,
        use_json_field=True,
        help_text="Corporate link columns; each column mixes headings and links.",
    )
    legal_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        use_json_field=True,
        help_text="The row of legal links at the very bottom.",
    )
    contact_heading = models.CharField(max_length=60, blank=True, default="CONTACT")
    contact_numbers = StreamField(
        [("number", ContactNumberBlock())], blank=True, use_json_field=True
    )
    copyright_notice = models.CharField(
        max_length=250, blank=True, help_text="Short line, e.g. '© 2024 Lumen…'."
    )
    corporate_notice = models.TextField(
        blank=True, help_text="Trademark and copyright line under the legal links."
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("mega_menu"),
                    FieldPanel("utility_links"),
                    MultiFieldPanel(
                        [FieldPanel("search_label"), FieldPanel("search_hint")],
                        heading="Search box",
                    ),
                ],
                heading="Header",
            ),
            ObjectList(
                [
                    FieldPanel("footer_columns"),
                    FieldPanel("legal_links"),
                    MultiFieldPanel(
                        [FieldPanel("contact_heading"), FieldPanel("contact_numbers")],
                        heading="Contact numbers",
                    ),
                    FieldPanel("copyright_notice"),
                    FieldPanel("corporate_notice"),
                ],
                heading="Footer",
            ),
        ]
    )

    class Meta:
        verbose_name = "navigation"


@register_setting(icon="warning")
class NotFoundSettings(BaseSiteSetting):
    """Texts of the page shown for unknown addresses."""

    heading = models.CharField(max_length=80, default="404")
    message = models.TextField(
        default=(
            "We're sorry, the page you are looking for could not be found "
            "or no longer exists."
        )
    )
    home_link_text = models.CharField(max_length=80, default="Take me to the Home Page")
    separator_text = models.CharField(max_length=20, blank=True, default="OR")
    contact_link_text = models.CharField(max_length=80, default="Contact Us")
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Page the contact link opens.",
    )
    suggestions_heading = models.CharField(
        max_length=120, blank=True, default="Were you looking for one of these?"
    )

    panels = [
        FieldPanel("heading"),
        FieldPanel("message"),
        FieldPanel("home_link_text"),
        FieldPanel("separator_text"),
        FieldPanel("contact_link_text"),
        FieldPanel("contact_page"),
        FieldPanel("suggestions_heading"),
    ]

    class Meta:
        verbose_name = "not-found page"
