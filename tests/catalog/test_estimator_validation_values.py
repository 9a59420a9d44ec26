"""Reading one untrusted value: numbers within their bounds, choices and flags, each
wrong one a message in words, and the default kept."""

from decimal import Decimal

import pytest

from catalog.estimator.validation.values import (
    Errors,
    names,
    read_choice,
    read_flag,
    read_number,
    unknown_keys,
)
from catalog.estimator.vocabulary import BACKUP, CPU, usage_bounds


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, Decimal(1)),
        (16, Decimal(16)),
        ("4", Decimal(4)),
        (" 8 ", Decimal(8)),
        (2.0, Decimal(2)),
    ],
)
def test_whole_numbers_in_range(raw, expected):
    errors = Errors()
    value = read_number(raw, "servers[0].cpu", errors, CPU)
    assert (value, errors) == (expected, {})
    assert str(value) == str(expected)  # no decimals on a whole number


@pytest.mark.parametrize(
    "raw", [0, 17, 2.5, "x", "", True, float("nan"), float("inf"), "1e999", 10**40,
            "9" * 41, [1], {"a": 1}]
)  # fmt: skip
def test_anything_else_is_refused_with_the_range_and_the_default_kept(raw):
    errors = Errors()
    assert read_number(raw, "servers[0].cpu", errors, CPU) == CPU.default
    assert errors == {"servers[0].cpu": ["Enter a whole number from 1 to 16."]}


def test_decimal_fields_keep_decimals_and_say_so():
    errors = Errors()
    assert read_number("12.5", "p", errors, BACKUP["storage"]) == Decimal("12.5")
    assert read_number("300.0", "p", errors, BACKUP["daily_add_percent"]) == 300
    assert read_number("1,024", "p", errors, BACKUP["storage"]) == 1024  # thousands
    assert errors == {}
    read_number(301, "q", errors, BACKUP["daily_add_percent"])
    assert errors == {"q": ["Enter a number from 0 to 300."]}
    read_number(745, "u", errors, usage_bounds("hours_per_month"))
    assert errors["u"] == ["Enter a number from 0 to 744."]


def test_a_default_other_than_the_bounds_one():
    errors = Errors()
    assert read_number(None, "p", errors, BACKUP["storage"], Decimal(7)) == 7


def test_choices_flags_and_unknown_keys():
    errors = Errors()
    choices = {"single": "single instance", "replicated": "replicated"}
    assert read_choice(None, "t", errors, choices, "single") == "single"
    assert read_choice("triple", "t", errors, choices, "single") == "single"
    assert read_flag("yes", "m", errors) is False
    assert read_flag(True, "m", errors) is True
    unknown_keys({"cpu": 1, "cpus": 2, "rams": 3}, {"cpu"}, "servers[0]", errors)
    unknown_keys({"x": 1}, set(), "", errors)
    assert errors == {
        "t": ["Choose one of: single instance, replicated."],
        "m": ["Expected true or false."],
        "servers[0]": ["Unknown fields: 'cpus', 'rams'."],
        "non_field_errors": ["Unknown field: 'x'."],
    }


def test_errors_are_not_repeated_and_long_lists_are_cut_short():
    errors = Errors()
    errors.add("p", "Enter a number.")
    errors.add("p", "Enter a number.")
    assert errors == {"p": ["Enter a number."]}
    assert names([f"k{i}" for i in range(8)]) == (
        "'k0', 'k1', 'k2', 'k3', 'k4' and 3 more"
    )
    assert names(["x" * 40]) == repr("x" * 30)
