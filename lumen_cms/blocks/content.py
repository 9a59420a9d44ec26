"""Body blocks for HomePage and StandardPage; templates in components/blocks/."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

URL_VALIDATOR = RegexValidator(
    r"^(https?://|/|mailto:|tel:|#)",
    "Enter a full address (https://…), a site path starting with /, "
    "a mailto: or tel: link.",
)


class LinkStructValue(blocks.StructValue):
    """Resolves a link's address and label whichever of page or URL was chosen."""

    @property
    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            return page.url or ""
        return self.get("url") or ""

    @property
    def label(self) -> str:
        page = self.get("page")
        return self.get("title") or (page.title if page is not None else "")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=120,
        required=False,
        help_text="Text of the link. Leave empty to use the page title.",
    )
    page = blocks.PageChooserBlock(
        required=False, help_text="Link to a page of this site…"
    )
    url = blocks.CharBlock(
        required=False,
        max_length=500,
        validators=[URL_VALIDATOR],
        help_text="…or to an address (https://… or /path/). Choose one of the two.",
    )

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        template = "components/blocks/link_block.html"

    def __init__(self, *args, required: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._required = required

    @property
    def required(self) -> bool:
        return self._required

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if not self._required and not (has_page or has_url or value.get("title")):
            return value
        if has_page == has_url:
            message = "Choose either a page or an address, not both."
            if not has_page:
                message = "Choose a page or enter an address."
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(message)}
            )
        if has_url and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={
                    "title": ValidationError("Give a link to an address a title.")
                }
            )
        return value


class FeaturedLinkBlock(LinkBlock):
    """A link with a line of text under it (the home hero's side panel)."""

    text = blocks.CharBlock(max_length=160, required=False)

    class Meta:
        icon = "link"
        value_class = LinkStructValue


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    text = blocks.TextBlock(required=False)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action_block.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    link = LinkBlock(required=False)

    class Meta:
        icon = "doc-full"


class CardGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200)
    cards = blocks.ListBlock(CardBlock())

    class Meta:
        icon = "grip"
        template = "components/blocks/card_grid_block.html"


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        template = "components/blocks/link_list_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=[
            "h2",
            "h3",
            "h4",
            "bold",
            "italic",
            "ol",
            "ul",
            "link",
            "document-link",
        ],
        template="components/blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    card_grid = CardGridBlock()
    link_list = LinkListBlock()
    table = TableBlock(template="components/blocks/table_block.html")
