"""Finding a quote the way a person copying text expects: loosely about space and typography.

A quote typed or copied by hand rarely has the article's exact white space and punctuation:
a hard-wrapped line, no quotation marks or straight ones for curly ones, a plain apostrophe,
a hyphen for a dash, three dots for an ellipsis. Both the text and the quote are *folded*
before comparing: every white-space run becomes one space, double quotation marks (straight,
curly, guillemets) are left out, typographic apostrophes become `'`, dashes become `-`, and
`...` becomes `…`. Matches are found in the folded text with `str.find` (linear, whatever
the quote) and mapped back to offsets of the original text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

_CHARS = {
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}
# Every character `str.isspace()` holds for (what `\\s` and `str.split` count as space).
_SPACES = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
_TABLE = str.maketrans({**_CHARS, **dict.fromkeys(_SPACES, " ")})
_COLLAPSE = re.compile(r'[ "]{2,}|"|\.\.\.')


def _collapsed(match: re.Match[str]) -> str:
    run = match.group()
    if run == "...":
        return "\u2026"
    return " " if " " in run else ""  # a space run, quotation marks left out


def fold(text: str) -> str:
    """`text` folded (see the module docstring): for a quote, also stripped."""
    return _COLLAPSE.sub(_collapsed, text.translate(_TABLE)).strip()


class FoldedText:
    """A text folded once, with the map from folded offsets back to the original's."""

    def __init__(self, text: str) -> None:
        translated = text.translate(_TABLE)  # one for one: offsets unchanged
        parts: list[str] = []
        # Each collapsed run: where it starts and ends in the folded text, and how many
        # characters were removed up to and including it.
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._removed: list[int] = []
        removed = last = 0
        for match in _COLLAPSE.finditer(translated):
            short = _collapsed(match)
            parts += (translated[last : match.start()], short)
            self._starts.append(match.start() - removed)
            removed += len(match.group()) - len(short)
            self._ends.append(match.end() - removed)
            self._removed.append(removed)
            last = match.end()
        parts.append(translated[last:])
        self.folded = "".join(parts)

    def _original(self, offset: int, runs: int) -> int:
        return offset + (self._removed[runs - 1] if runs else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded text[start:end]: it begins after every run that
        ends by `start` and ends after every run that begins before `end` (so quotation
        marks left out at either edge stay outside it)."""
        return (
            self._original(start, bisect.bisect_right(self._ends, start)),
            self._original(end, bisect.bisect_left(self._starts, end)),
        )

    def find_all(self, quote: str) -> Iterator[tuple[int, int]]:
        """(start, end) in the original text of every match of `quote`, overlapping ones
        included, in order."""
        needle = fold(quote)
        if not needle:
            return
        folded = self.folded
        at = folded.find(needle)
        while at != -1:
            yield self.span(at, at + len(needle))
            at = folded.find(needle, at + 1)


@functools.lru_cache(maxsize=2)
def folded_text(text: str) -> FoldedText:
    """The folded form of `text`, made once while it is being searched (re-anchoring an
    article's annotations searches the same text for each of them)."""
    return FoldedText(text)
