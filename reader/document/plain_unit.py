"""The paragraph unit of a plain-text article: what the plain-text parser cuts the text into,
what the structure recogniser labels, and the block it returns, all one object."""

from __future__ import annotations

from dataclasses import dataclass

from reader.document.model import Block


@dataclass(slots=True, eq=False)
class Unit(Block):
    """A paragraph unit, and the very block the parser returns for it: a `Block` that also
    knows how many source lines it spans and whether a blank line comes before it. Until
    `parse_plaintext` reflows it, `text` is text[start:end] (raw, newlines kept); `start`
    is the offset of its first non-space character and `end` just after its last one."""

    lines: int = 1  # number of source lines
    blank_before: bool = False
