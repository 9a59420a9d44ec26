from decimal import Decimal, InvalidOperation

from django import template

from catalog.estimator.export import item_text

register = template.Library()


@register.filter
def est_money(value: str | None) -> str:
    """`1234.5` -> `1,234.50` (amounts arrive as the API's decimal strings)."""
    try:
        return f"{Decimal(str(value)):,.2f}"
    except (InvalidOperation, ValueError):
        return ""


@register.simple_tag
def est_item(item: dict, symbol: str) -> str:
    return item_text(item, symbol)
