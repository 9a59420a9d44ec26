"""The For Developers landing page linking to guides, API docs and status."""

from django.http import HttpRequest

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from lumen_kit.host_templates import HostBaseTemplateMixin
from lumen_kit.page_links import page_link
from resources.preview import ExternalPreviewMixin
from resources.rich_text import expand_many
from resources.serializers import RichTextHTMLField


class DeveloperLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    title = blocks.CharBlock(
        required=False, help_text="Leave empty to use the page title."
    )
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "link"

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        if page is None or not page.live:
            return None
        return {
            "id": page.pk,
            "title": value.get("title") or page.title,
            "url": page.get_url(),
            "description": value.get("description") or "",
        }


class DeveloperCenterPage(HostBaseTemplateMixin, ExternalPreviewMixin, Page):
    page_ptr = page_link()
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    links = StreamField(
        [("link", DeveloperLinkBlock())],
        blank=True,
        help_text="Cards to guides, API documentation, status and other resources.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("links")]
    api_fields = [APIField("intro", serializer=RichTextHTMLField()), APIField("links")]
    max_count = 1

    @classmethod
    def api_bulk_load(
        cls,
        pages: list["DeveloperCenterPage"],
        *,
        fields: set[str],
        request: HttpRequest,
    ) -> None:
        """The links' pages come with the StreamField bulk load; intros here."""
        if "intro" in fields:
            expand_many(request, [page.intro for page in pages])
