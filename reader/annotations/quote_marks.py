"""A quote found in an article, widened so its quotation marks are balanced.

A quote typed without its quotation marks (`the reports were totally false`) is found in
`the reports were “totally false,” insisting…` as far as its last word. Highlighted as it
is, it would open a quotation it never closes. A person means the quoted words as the
article has them, so a highlight that opens a quotation mark it does not close takes in the
closing mark, with the punctuation before it (`the reports were “totally false,”`), and one
that closes a quotation it does not open takes in the opening mark just before it. Only a
mark right at the edge is taken (after punctuation, for a closing one): a quotation that goes
on past the highlight stays as the highlight found it.
"""

from __future__ import annotations

import re

from reader.claims.quotes import find_quotes

_CLOSING = {"“": "”", "«": "»", "„": "“", '"': '"'}  # each opening mark's closing one
_PUNCTUATION_AND_MARK = re.compile(r"[,.;:!?…]*(.)", re.DOTALL)


def balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of `text`, widened (see the module docstring) to balance its marks."""
    quotes = find_quotes(text[start:end])
    if quotes.open_at_end:
        opening = text[start + quotes.regions[-1][0]]
        after = _PUNCTUATION_AND_MARK.match(text, end)
        if after is not None and after.group(1) == _CLOSING.get(opening, "”"):
            end = after.end()
    if quotes.open_at_start and start > 0 and text[start - 1] in _CLOSING:
        start -= 1
    return start, end
