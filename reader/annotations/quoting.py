"""Quoting a highlight's text in a line of our own: `quoted(text)`.

Highlighted news text often holds quotation marks of its own (`“They stop each time…” the
official said.`). Enclosed in double marks again it reads `““They…” the official said.”`.
So a text that is already one whole quotation is shown as it is; a text with double marks
inside is enclosed in single ones, as nested quotations are written; any other in double
marks. The text itself is never changed.
"""

from __future__ import annotations

DOUBLE_MARKS = frozenset('“”„‟"«»')
_OPENERS, _CLOSERS = '“„"«', '”“"»'


def quoted(text: str) -> str:
    """`text` enclosed in quotation marks that do not double its own."""
    doubles = sum(1 for c in text if c in DOUBLE_MARKS)
    if doubles == 0:
        return f"“{text}”"
    if doubles == 2 and len(text) > 2 and text[0] in _OPENERS and text[-1] in _CLOSERS:
        return text  # one whole quotation already: “totally false,”
    return f"‘{text}’"
