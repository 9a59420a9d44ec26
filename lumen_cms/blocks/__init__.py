"""StreamField blocks of the site shell: page body content and navigation."""

from .content import BodyBlock, FeaturedLinkBlock, LinkBlock, LinkStructValue
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
    "FeaturedLinkBlock",
    "LinkBlock",
    "LinkStructValue",
    "MegaMenuColumnBlock",
    "MegaMenuEntryBlock",
    "MenuItemBlock",
]
