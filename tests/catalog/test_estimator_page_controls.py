"""Controls rendered in Python: escaped, labelled for assistive technology, and with
the ranges their bounds give."""

from catalog.estimator.page.controls import (
    Field,
    Option,
    number_field,
    options_html,
    select_field,
    text,
)
from catalog.estimator.vocabulary import BACKUP, CPU


def test_options_are_escaped_selected_and_disabled():
    html = options_html(
        [
            Option('"><script>', "<b>x</b>"),
            Option("a", "A & B", selected=True),
            Option("b", "B", disabled=True),
        ]
    )
    assert html == (
        '<option value="&quot;&gt;&lt;script&gt;">&lt;b&gt;x&lt;/b&gt;</option>'
        '<option value="a" selected>A &amp; B</option>'
        '<option value="b" disabled>B</option>'
    )


def test_the_chosen_option_is_enabled_so_that_it_is_submitted():
    field = select_field(
        "os", "server1-os", "Operating system", "windows",
        [Option("linux", "Linux"), Option("windows", "Windows", disabled=True)],
        structural=True,
    )  # fmt: skip
    assert [(o.selected, o.disabled) for o in field.options] == [
        (False, False),
        (True, False),
    ]
    assert field.control.startswith(
        '<select id="server1-os" name="server1-os" data-structural>'
    )


def test_number_inputs_take_their_range_from_the_bounds():
    cpu = number_field("cpu", "server1-cpu", "vCPU", "2", CPU)
    assert cpu.control == (
        '<input type="number" id="server1-cpu" name="server1-cpu" value="2" min="1"'
        ' max="16" step="1" inputmode="numeric">'
    )
    gb = number_field("storage", "backup1-storage", "GB", "1", BACKUP["storage"])
    assert 'step="any" inputmode="decimal"' in gb.control


def test_hints_and_errors_are_described_and_values_escaped():
    field = number_field("cpu", "server1-cpu", "vCPU", '9"><x', CPU)
    field.hint = "From 1 to 16."
    field.errors = ["Enter a whole number from 1 to 16."]
    assert (
        ' value="9&quot;&gt;&lt;x"' in field.control
        and ' aria-describedby="server1-cpu-hint server1-cpu-error"'
        ' aria-invalid="true">'
        in field.control
    )
    box = Field("managed", "server1-managed", "Managed", "checkbox", text(True))
    box.disabled = True
    assert box.checked
    assert box.control == (
        '<input type="checkbox" id="server1-managed" name="server1-managed" value="on"'
        " checked disabled>"
    )
    assert [text(v) for v in (None, False, "0", "x")] == ["", "", "0", "x"]
