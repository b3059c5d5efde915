"""What to tell the reader when a new highlight overlaps others (the store allows overlap:
only the very same range is refused, as the one already stored)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.annotations.model import Annotation
from reader.annotations.quoting import quoted
from reader.document.decode import one_line

QUOTE_CHARS = 40


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` on one line, whitespace runs as one space, cut to `limit` characters with "…"."""
    flat = one_line(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def overlap_notice(new: Annotation, stored: Sequence[Annotation]) -> str | None:
    """ "Overlaps the Claim highlight “…”" (or "Overlaps 3 highlights") when `new` shares text
    with other stored highlights; None when it overlaps none."""
    others = [ann for ann in stored if ann.id != new.id]
    if not others:
        return None
    if len(others) > 1:
        return f"Highlighted; overlaps {len(others)} highlights"
    other = others[0]
    return f"Highlighted; overlaps the {other.label} highlight {quoted(short_quote(other.exact))}"
