"""`quoted`: a highlight's text in quotation marks that never double its own (#14.11: the notes
pane showed `““They stop each time…” the official said.”`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.annotations.quoting import DOUBLE_MARKS, quoted


def test_plain_text_gets_double_marks():
    assert quoted("The reports were false.") == "“The reports were false.”"
    assert quoted("") == "“”"


def test_text_with_a_quotation_inside_gets_single_marks():
    text = "“They stop each time…” the official said."
    assert quoted(text) == f"‘{text}’"
    assert quoted("Did you hear that noise, Cabaco?”") == "‘Did you hear that noise, Cabaco?”’"


def test_one_whole_quotation_is_shown_as_it_is():
    assert quoted("“totally false,”") == "“totally false,”"
    assert quoted('"Yes."') == '"Yes."'
    assert quoted("„Ja“") == "„Ja“"


def test_two_quotations_are_not_taken_for_one():
    text = "“A,” she said, “B.”"
    assert quoted(text) == f"‘{text}’"


@given(st.text(alphabet=st.sampled_from([*"ab .,’'", *DOUBLE_MARKS]), min_size=1, max_size=30))
def test_the_text_is_kept_and_marks_never_double(text):
    out = quoted(text)
    assert text in out
    assert len(out) - len(text) in (0, 2)
    if out != text:
        assert not (out[0] in DOUBLE_MARKS and out[1:2] and out[1] in DOUBLE_MARKS)
        assert not (out[-1] in DOUBLE_MARKS and len(out) > 1 and out[-2] in DOUBLE_MARKS)
