"""Reading one untrusted JSON value (a number, a choice, a flag) or an object's keys,
with a message in people's words for each field path that is wrong."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from catalog.estimator.vocabulary import Bounds


class Errors(dict):
    """Field path -> messages."""

    def add(self, path: str, message: str) -> None:
        messages = self.setdefault(path, [])
        if message not in messages:
            messages.append(message)


def names(found: list[str], limit: int = 5) -> str:
    """A few of `found`, quoted and cut short, then how many more."""
    shown = [repr(n[:30]) if isinstance(n, str) else repr(n) for n in found[:limit]]
    more = len(found) - limit
    return ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")


def unknown_keys(obj: dict, allowed: set[str], path: str, errors: Errors) -> None:
    unknown = [k for k in obj if k not in allowed]
    if unknown:
        errors.add(
            path or "non_field_errors",
            f"Unknown field{'s' if len(unknown) > 1 else ''}: {names(unknown)}.",
        )


def read_number(
    raw: Any, path: str, errors: Errors, bounds: Bounds, default: Decimal | None = None
) -> Decimal:
    """A number within `bounds`; whole numbers come back without decimals."""
    default = bounds.default if default is None else default
    kind = "a whole number" if bounds.whole else "a number"
    expected = f"Enter {kind} from {bounds.low:,} to {bounds.high:,}."
    if raw is None:
        return default
    if type(raw) is int:
        value = Decimal(raw) if abs(raw) < 10**30 else None
    elif isinstance(raw, float) and not isinstance(raw, bool):
        value = Decimal(repr(raw)) if math.isfinite(raw) else None
    elif isinstance(raw, str) and len(raw) <= 40:
        try:
            value = Decimal(raw.strip().replace(",", ""))
        except InvalidOperation:
            value = None
    else:
        value = None
    if value is None or not value.is_finite():
        errors.add(path, expected)
        return default
    if bounds.whole:
        if value != value.to_integral_value():
            errors.add(path, expected)
            return default
        value = Decimal(int(value))
    if not bounds.low <= value <= bounds.high:
        errors.add(path, expected)
        return default
    return Decimal(int(value)) if value == value.to_integral_value() else value


def read_choice(
    raw: Any, path: str, errors: Errors, choices: dict[str, str], default: str
) -> str:
    if raw is None:
        return default
    if not isinstance(raw, str) or raw not in choices:
        errors.add(path, f"Choose one of: {', '.join(choices.values())}.")
        return default
    return raw


def read_flag(raw: Any, path: str, errors: Errors) -> bool:
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    errors.add(path, "Expected true or false.")
    return False
