"""Structured legal text: clauses, sub-clauses, paragraphs, lists and appendices.

Numbers are never typed: they follow from a block's position (see ``legal.structure``).
Every clause-like block keeps its StreamField block id across edits and versions, which
is the stable ``clause_id`` used for anchors and for matching clauses in diffs.
"""

from wagtail import blocks


class ParagraphBlock(blocks.TextBlock):
    """Plain text: legal wording is stored verbatim and escaped on output."""

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"


class ListItemBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The item's wording.")
    items = blocks.ListBlock(
        blocks.TextBlock(),
        required=False,
        default=[],
        help_text="Optional nested items under this one.",
    )

    class Meta:
        icon = "list-ul"
        label = "Item"


class BulletListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bullet", "Bullets"), ("number", "Numbers")],
        default="bullet",
        help_text="How the items are marked.",
    )
    items = blocks.ListBlock(ListItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "List"


def _content_children(extra: list[tuple[str, blocks.Block]]) -> list:
    return [("paragraph", ParagraphBlock()), ("list", BulletListBlock()), *extra]


class ClauseStructBlock(blocks.StructBlock):
    """Shared shape of every numbered unit: an optional heading and its content."""

    title = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text='Optional heading, e.g. "Applicability." Leave empty for none.',
    )


class ItemClauseBlock(ClauseStructBlock):
    """Third level, numbered (i), (ii), …"""

    content = blocks.StreamBlock(_content_children([]), required=False)

    class Meta:
        icon = "doc-full"
        label = "Sub-sub-clause"


class SubClauseBlock(ClauseStructBlock):
    """Second level, numbered (a), (b), …"""

    content = blocks.StreamBlock(
        _content_children([("clause", ItemClauseBlock())]), required=False
    )

    class Meta:
        icon = "doc-full"
        label = "Sub-clause"


class ClauseBlock(ClauseStructBlock):
    """Top level, numbered 1, 2, 3, …"""

    content = blocks.StreamBlock(
        _content_children([("clause", SubClauseBlock())]), required=False
    )

    class Meta:
        icon = "doc-full-inverse"
        label = "Clause"


class AppendixBlock(blocks.StructBlock):
    """An appendix with its own clause numbering (1, 2, … restart inside it)."""

    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text='Optional line above the title, e.g. "Standard Contractual Clauses".',
    )
    title = blocks.CharBlock(max_length=255, help_text='E.g. "Appendix 1".')
    content = blocks.StreamBlock(
        _content_children([("clause", ClauseBlock())]), required=False
    )

    class Meta:
        icon = "folder-open-inverse"
        label = "Appendix"


class LegalBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    list = BulletListBlock()
    clause = ClauseBlock()
    appendix = AppendixBlock()
