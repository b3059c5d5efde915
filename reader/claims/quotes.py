"""Quoted speech in one sentence: which parts are inside quotation marks, and whether a quote
began before the sentence or goes on after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"“": "”", "«": "»", "„": "“", "``": "''"}
_QUOTE_MARKS = re.compile(r"``|''|[\"“”«»„]")


@dataclass(slots=True, frozen=True)
class Quotes:
    """Quoted speech in a sentence: the regions, and whether the quote runs past either end."""

    regions: tuple[tuple[int, int], ...]
    open_at_start: bool  # a closing mark with no opening one: the quote began earlier
    open_at_end: bool  # an opening mark never closed: the quote goes on in the next sentence

    def inside(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.regions)

    @property
    def any(self) -> bool:
        return bool(self.regions)


def has_quote_marks(text: str) -> bool:
    return _QUOTE_MARKS.search(text) is not None


def find_quotes(text: str) -> Quotes:
    """Pair the quotation marks of one sentence (straight quotes alternate)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    open_at_start = False
    german = "„" in text
    for m in _QUOTE_MARKS.finditer(text):
        mark = m.group()
        if open_at is None:
            closing = mark in ("”", "»", "''") or (mark == "“" and german)
            # A straight quote right after punctuation closes a quote begun earlier.
            if mark == '"' and m.start() > 0 and text[m.start() - 1] in ",.!?…":
                closing = True
            if closing:
                regions.append((0, m.end()))
                open_at_start = True
            else:
                open_at = m.start()
                closer = '"' if mark == '"' else _PAIRS.get(mark, "”")
        elif mark == closer:
            regions.append((open_at, m.end()))
            open_at = None
    if open_at is not None:
        regions.append((open_at, len(text)))
    return Quotes(tuple(regions), open_at_start, open_at is not None)
