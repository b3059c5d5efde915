"""The verdict dialog quotes its highlight as every other place does: no doubled marks."""

from __future__ import annotations

from reader.screens.claim_keys import _short


def test_a_quote_with_its_own_marks_is_not_given_doubled_ones():
    assert _short("“They stop each time,” the official said.") == (
        "‘“They stop each time,” the official said.’"
    )
    assert _short("the reports were “totally false,”") == "‘the reports were “totally false,”’"


def test_a_plain_quote_is_one_line_in_double_marks_and_cut_at_the_limit():
    assert _short("a plain\nquote") == "“a plain quote”"
    assert _short("word " * 100, limit=20) == "“" + ("word " * 4)[:19] + "…”"
