import copy
import datetime

from legal.diff import compare, summarise, word_diff
from tests.legal.factories import clause, publish, simple_body


def _statuses(entries):
    return {(e.unit.id, e.status) for e in entries if e.status != "unchanged"}


def test_word_level_insertions_and_deletions_are_escaped():
    html = word_diff("We notify <you> promptly.", "We notify <b>you</b> & others.")
    assert "<del>&lt;you&gt;</del>" in html
    assert "<ins>&lt;b&gt;you&lt;/b&gt;</ins>" in html
    assert "&amp;" in html
    assert "<b>" not in html.replace("<del>", "").replace("<ins>", "")


def test_add_remove_reorder_reword(document, version1):
    body = simple_body()
    scope, definitions, breach, app = body
    breach["value"]["content"][0]["value"] = "We notify you within 72 hours."
    definitions["value"]["content"].pop(2)  # remove (b) “Services”
    new = clause("audits", "Audits.", "You may audit us once a year.")
    body = [breach, scope, new, definitions, app]
    v2 = publish(document, "2019-01", datetime.date(2019, 1, 1), body=body)
    entries = compare(version1.body, v2.body)
    statuses = _statuses(entries)
    assert ("audits", "added") in statuses
    assert ("def-services", "removed") in statuses
    changed = {e.unit.id: e for e in entries if e.unit.id == "breach"}["breach"]
    assert changed.text_changed
    assert "<del>without</del>" in changed.html
    assert "<ins>within</ins>" in changed.html
    # Exactly one of the two swapped clauses is reported as moved.
    moved = {e.unit.id for e in entries if e.status == "moved"}
    assert len(moved & {"breach", "scope"}) == 1
    counts = summarise(entries)
    assert counts["added"] == 1
    assert counts["removed"] == 1
    # Renumbering is visible: the breach clause was 3 and is now 1.
    assert changed.old.ref == "3"
    assert changed.new.ref == "1"
    assert changed.renumbered


def test_identical_bodies_are_all_unchanged(version1):
    entries = compare(version1.body, copy.deepcopy(version1.body))
    assert summarise(entries)["unchanged"] == len(entries) > 0


def test_removed_entry_keeps_its_old_position(document, version1):
    body = simple_body()
    body.pop(1)  # remove clause 2 with its sub-clauses
    v2 = publish(document, "2019-01", datetime.date(2019, 1, 1), body=body)
    order = [(e.unit.id, e.status) for e in compare(version1.body, v2.body)]
    assert order[:5] == [
        ("scope", "unchanged"),
        ("definitions", "removed"),
        ("def-data", "removed"),
        ("def-services", "removed"),
        ("breach", "unchanged"),
    ]


def _strip(html: str, drop: str, keep: str) -> str:
    import html as html_lib
    import re

    html = re.sub(rf"<{drop}>.*?</{drop}>", "", html, flags=re.S)
    return html_lib.unescape(html.replace(f"<{keep}>", "").replace(f"</{keep}>", ""))


WORDS = ["a", "b", "<x>", "&", "clause", "5", "the", "“q”"]


def test_word_diff_reconstructs_both_texts():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    text = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)

    @settings(max_examples=200, deadline=None)
    @given(text, text)
    def check(old, new):
        marked = str(word_diff(old, new))
        assert _strip(marked, "ins", "del") == old
        assert _strip(marked, "del", "ins") == new
        assert "<x>" not in marked

    check()
