"""Body blocks for developer articles; their API values are plain JSON."""

from wagtail import blocks
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from resources.rich_text import expand

LANGUAGE_CHOICES = [
    ("", "Plain text"),
    ("bash", "Shell"),
    ("json", "JSON"),
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("powershell", "PowerShell"),
    ("csharp", "C#"),
    ("java", "Java"),
    ("go", "Go"),
    ("ruby", "Ruby"),
    ("php", "PHP"),
    ("xml", "XML"),
    ("yaml", "YAML"),
    ("sql", "SQL"),
    ("http", "HTTP"),
]


class HTMLRichTextBlock(blocks.RichTextBlock):
    """Rich text whose API value is front-end-ready HTML, not the storage format."""

    def get_api_representation(self, value, context=None):
        return expand(value.source, context) if value else ""


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text="Used for syntax highlighting; leave empty for plain text.",
    )
    code = blocks.TextBlock(help_text="Pasted exactly as shown to readers.")

    class Meta:
        icon = "code"
        template = "resources/blocks/code_block.html"


class ArticleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, help_text="Describe the image for screen readers."
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "resources/blocks/article_image_block.html"

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        if image is not None and image.collection_id in _restricted(context):
            image = None  # an image in a private collection never leaks via a page
        return {
            "image": (
                {
                    "id": image.pk,
                    "title": image.title,
                    "url": image.file.url,
                    "width": image.width,
                    "height": image.height,
                }
                if image
                else None
            ),
            "alt_text": value.get("alt_text") or (image.title if image else ""),
            "caption": value.get("caption") or "",
        }


def _restricted(context: dict | None) -> set[int]:
    """Collections this API request may not see, computed once per request."""
    request = (context or {}).get("request")
    if request is None:
        return set()
    if not hasattr(request, "_restricted_collection_ids"):
        request._restricted_collection_ids = get_restricted_collection_ids(request)
    return request._restricted_collection_ids


class ArticleTableBlock(TableBlock):
    """A data table; the API returns rows and whether the first row is a header."""

    def get_api_representation(self, value, context=None):
        value = value or {}
        return {
            "first_row_is_table_header": bool(value.get("first_row_is_table_header")),
            "data": [
                ["" if cell is None else str(cell) for cell in row]
                for row in value.get("data") or []
            ],
        }

    class Meta:
        icon = "table"
        template = "resources/blocks/article_table_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    rich_text = HTMLRichTextBlock(
        features=[
            "h2",
            "h3",
            "h4",
            "bold",
            "italic",
            "ol",
            "ul",
            "hr",
            "link",
            "document-link",
            "code",
            "blockquote",
        ]
    )
    code = CodeBlock()
    table = ArticleTableBlock()
    image = ArticleImageBlock()
