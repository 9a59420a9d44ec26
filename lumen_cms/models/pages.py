"""The shell's page types: the site root and general content pages."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lumen_cms.blocks import BodyBlock, FeaturedLinkBlock, LinkBlock


class HomePage(Page):
    """The site root; everything else hangs below it."""

    hero_heading = models.CharField(max_length=200, blank=True)
    hero_text = models.TextField(blank=True, help_text="Short text under the heading.")
    hero_actions = StreamField(
        [("link", LinkBlock())],
        blank=True,
        max_num=2,
        use_json_field=True,
        help_text="Buttons under the hero text: the first is the main call to action.",
    )
    hero_panel_heading = models.CharField(max_length=120, blank=True)
    hero_links = StreamField(
        [("link", FeaturedLinkBlock())],
        blank=True,
        max_num=6,
        use_json_field=True,
        help_text="Links in the panel beside the hero text (empty: no panel).",
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_actions"),
                FieldPanel("hero_panel_heading"),
                FieldPanel("hero_links"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("hero_heading"),
        APIField("hero_text"),
        APIField("hero_actions"),
        APIField("hero_panel_heading"),
        APIField("hero_links"),
        APIField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(Page):
    """A general content page: intro plus a rich body."""

    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()

    intro = models.TextField(
        blank=True, help_text="One or two sentences shown under the title."
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = "standard page"
