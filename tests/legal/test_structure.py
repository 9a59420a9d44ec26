from legal.structure import clause_number, letter, render_text, roman
from tests.legal.factories import simple_body


def test_markers_by_level():
    assert [clause_number(1, n) for n in (1, 2, 10)] == ["1", "2", "10"]
    assert [clause_number(2, n) for n in (1, 2, 26, 27)] == [
        "(a)",
        "(b)",
        "(z)",
        "(aa)",
    ]
    assert [clause_number(3, n) for n in (1, 4, 5, 9, 14)] == [
        "(i)", "(iv)", "(v)", "(ix)", "(xiv)",
    ]  # fmt: skip
    assert letter(52) == "az"
    assert roman(39) == "xxxix"


def test_freeze_numbers_clauses_and_restarts_in_appendix(document):
    body = document.frozen_body()
    clauses = [n for n in body["content"] if n["kind"] == "clause"]
    assert [c["number"] for c in clauses] == ["1", "2", "3"]
    subs = [n for n in clauses[1]["content"] if n["kind"] == "clause"]
    assert [s["ref"] for s in subs] == ["2(a)", "2(b)"]
    assert [s["id"] for s in subs] == ["def-data", "def-services"]
    appendix = body["content"][3]
    assert appendix["kind"] == "appendix"
    assert appendix["heading"] == "SCC"


def test_numbering_follows_position_not_typing(document):
    body = simple_body()
    body[0], body[2] = body[2], body[0]
    document.body = body
    frozen = document.frozen_body()
    assert frozen["content"][0]["id"] == "breach"
    assert frozen["content"][0]["number"] == "1"
    assert frozen["content"][2]["id"] == "scope"
    assert frozen["content"][2]["number"] == "3"


def test_render_text_puts_first_paragraph_on_the_clause_line(document):
    text = render_text(document.frozen_body())
    assert "1. Scope. This exhibit applies to the Services.\n" in text
    assert "    (a) “Data” means personal data.\n" in text
    assert text.startswith("Data Protection Exhibit\n")
