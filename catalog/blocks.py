"""Body blocks of service pages (the catalog is a plugin: no import of the shell)."""

from wagtail import blocks


class FeatureBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "tick"


class FeatureListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200)
    features = blocks.ListBlock(FeatureBlock())

    class Meta:
        icon = "list-ul"
        template = "catalog/blocks/feature_list_block.html"


class ServiceCallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)
    button_text = blocks.CharBlock(max_length=60, default="Contact Us")

    class Meta:
        icon = "pick"
        template = "catalog/blocks/service_call_to_action_block.html"


class ServiceBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=200, icon="title", template="catalog/blocks/plain_heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link"],
        template="catalog/blocks/paragraph_block.html",
    )
    features = FeatureListBlock()
    call_to_action = ServiceCallToActionBlock()
