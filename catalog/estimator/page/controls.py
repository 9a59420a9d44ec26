"""Form controls as plain data, rendered to HTML in Python: a long estimate has
hundreds of inputs and thousands of options, too many for template loops."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from catalog.estimator.vocabulary import Bounds


@dataclass
class Option:
    value: str
    label: str
    selected: bool = False
    disabled: bool = False


def options_html(options: list[Option]) -> SafeString:
    """`<option>`s rendered here, not in the template: a long estimate has thousands,
    and most selects repeat (the same periods, systems, applications)."""
    return _options_html(
        tuple((o.value, o.label, o.selected, o.disabled) for o in options)
    )


@lru_cache(maxsize=512)
def _options_html(options: tuple[tuple[str, str, bool, bool], ...]) -> SafeString:
    return mark_safe(  # noqa: S308 - every value and label is escaped
        "".join(
            f'<option value="{escape(value)}"{" selected" if selected else ""}'
            f"{' disabled' if disabled else ''}>{escape(label)}</option>"
            for value, label, selected, disabled in options
        )
    )


@dataclass
class Field:
    name: str
    id: str
    label: str
    widget: str  # number | select | checkbox
    value: str = ""
    options: list[Option] = field(default_factory=list)
    min: str = ""
    max: str = ""
    step: str = "1"
    errors: list[str] = field(default_factory=list)
    hint: str = ""
    disabled: bool = False
    structural: bool = False  # changing it changes which options apply
    wide: bool = False  # long choices: two grid columns

    @property
    def checked(self) -> bool:
        return self.value == "on"

    @property
    def control(self) -> SafeString:
        """The input or select itself (rendered here: a long estimate has hundreds)."""
        described = " ".join(
            ref
            for ref, on in (
                (f"{self.id}-hint", self.hint),
                (f"{self.id}-error", self.errors),
            )
            if on
        )
        attrs = format_html(' aria-describedby="{}"', described) if described else ""
        flags = (
            (self.errors, ' aria-invalid="true"'),
            (self.structural, " data-structural"),
            (self.disabled, " disabled"),
        )
        attrs = mark_safe(attrs + "".join(text for on, text in flags if on))  # noqa: S308
        if self.widget == "select":
            return format_html(
                '<select id="{}" name="{}"{}>{}</select>',
                self.id,
                self.id,
                attrs,
                options_html(self.options),
            )
        if self.widget == "checkbox":
            return format_html(
                '<input type="checkbox" id="{}" name="{}" value="on"{}{}>',
                self.id,
                self.id,
                " checked" if self.checked else "",
                attrs,
            )
        return format_html(
            '<input type="number" id="{}" name="{}" value="{}" min="{}" max="{}"'
            ' step="{}" inputmode="{}"{}>',
            self.id,
            self.id,
            self.value,
            self.min,
            self.max,
            self.step,
            "numeric" if self.step == "1" else "decimal",
            attrs,
        )


def text(value: Any) -> str:
    """A payload value as the form shows it (a ticked box is "on")."""
    if value is True:
        return "on"
    if value in (None, False):
        return ""
    return str(value)


def number_field(name: str, id_: str, label: str, value: str, bounds: Bounds) -> Field:
    """A number input with the range validation enforces."""
    return Field(
        name,
        id_,
        label,
        "number",
        value,
        min=str(bounds.low),
        max=str(bounds.high),
        step="1" if bounds.whole else "any",
    )


def select_field(
    name: str,
    id_: str,
    label: str,
    value: str,
    options: list[Option],
    structural: bool = False,
    wide: bool = False,
) -> Field:
    for option in options:
        option.selected = option.value == value
        if option.selected:
            option.disabled = False  # a disabled choice would not be submitted
    return Field(
        name,
        id_,
        label,
        "select",
        value,
        options=options,
        structural=structural,
        wide=wide,
    )
