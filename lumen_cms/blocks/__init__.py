"""StreamField blocks of the site shell: page body content and navigation."""

from .content import BodyBlock, LinkBlock, LinkStructValue
from .navigation import (
    ContactNumberBlock,
    FooterColumnBlock,
    MegaMenuColumnBlock,
    MegaMenuEntryBlock,
    MenuItemBlock,
)

__all__ = [
    "BodyBlock",
    "ContactNumberBlock",
    "FooterColumnBlock",
    "LinkBlock",
    "LinkStructValue",
    "MegaMenuColumnBlock",
    "MegaMenuEntryBlock",
    "MenuItemBlock",
]
