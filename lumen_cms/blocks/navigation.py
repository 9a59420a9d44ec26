"""Navigation blocks: editors order menu entries, columns, group headings and items."""

from wagtail import blocks

from .content import LinkBlock


class MenuItemBlock(LinkBlock):
    description = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text=(
            "One line under the title. Leave empty to show the linked service's "
            "current summary."
        ),
    )

    class Meta:
        icon = "link"


class MegaMenuColumnBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Column heading, e.g. a category. Leave empty to use the page title.",
    )
    page = blocks.PageChooserBlock(
        required=False, help_text="Optional page the column heading links to."
    )
    intro = blocks.TextBlock(required=False, help_text="Optional short introduction.")
    items = blocks.StreamBlock(
        [
            ("item", MenuItemBlock()),
            (
                "heading",
                blocks.CharBlock(
                    max_length=120,
                    icon="title",
                    help_text="Group heading, e.g. 'Database'.",
                ),
            ),
        ],
        required=False,
    )

    class Meta:
        icon = "list-ul"


class MegaMenuEntryBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=60, help_text="Label in the menu bar.")
    page = blocks.PageChooserBlock(
        required=False,
        help_text="Page for an entry without a panel (e.g. 'Support').",
    )
    url = blocks.CharBlock(required=False, max_length=500)
    intro = blocks.TextBlock(required=False, help_text="Shown at the top of the panel.")
    columns = blocks.ListBlock(MegaMenuColumnBlock(), default=[])

    class Meta:
        icon = "folder-open-inverse"


class FooterColumnBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, icon="title")
    link = LinkBlock()

    class Meta:
        icon = "list-ul"


class ContactNumberBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text="e.g. 'General'.")
    number = blocks.CharBlock(max_length=40, help_text="As shown, e.g. 1.877.388.4373")

    class Meta:
        icon = "mobile-alt"
