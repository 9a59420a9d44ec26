from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def price(value: Decimal | None, places: int = 4) -> str:
    """A price rounded half-up for display, trailing zeros kept to 2 decimals."""
    if value is None:
        return ""
    q = value.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    text = format(q, "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        text = f"{whole}.{frac}"
    return text
