"""quote_block's whole-quote fast path gives the same text as escaping line by line."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.export.markdown import _escape_line_edges, _escape_special, quote_block


def _line_by_line(text: str) -> str:
    body = text.rstrip("\n")
    tail = "&#10;" * (len(text) - len(body))
    lines = [_escape_line_edges(line) for line in _escape_special(body).split("\n")]
    lines[-1] += tail
    return "\\\n".join("> " + line for line in lines)


EDGY = st.sampled_from(list("ab \t\n#>-+=*_~`|1.)\u00a0\u2003²٣\\"))


@settings(deadline=None, max_examples=400)
@given(st.lists(st.one_of(EDGY, st.characters()), min_size=1, max_size=40).map("".join))
def test_multi_line_quote_matches_line_by_line(text: str) -> None:
    text = "x\n" + text  # always multi-line
    assert quote_block(text) == _line_by_line(text)


def test_fast_path_examples() -> None:
    assert quote_block("one\ntwo") == "> one\\\n> two"
    assert quote_block("one \ntwo") == "> one&#32;\\\n> two"
    assert quote_block("one\n# two\n3. x") == "> one\\\n> \\# two\\\n> 3\\. x"
