"""Raw wire transmissions (ANPA 1312, as AP sent them): header and trailer lines.

Such a file opens with transmission codes (control characters, shown as control pictures
such as `␖␁` after sanitising) and a slug line (`BC-BKN--Heat-Hawks 1stLd-Writethru`), then
header lines that start with `^` and end with `<` (headline, photo numbers, editor's notes,
abstract) or `=` (byline, role), then tab-indented paragraphs, then a trailer
(`␃AP-WF-02-20-16 0337GMT<`). `mark_wire` trims the `^`/`<`/`=` marks off the header units
(so the headline reads as one) and folds the codes, slug, photo numbers, notes and trailer
as labelled boilerplate. Units are only narrowed, so offsets stay exact. Pure, never raises.
"""

from __future__ import annotations

import re

# Control pictures (U+2400-U+2421): what sanitising shows for control characters.
_CONTROL_PICTURE = re.compile("[\u2400-\u2421]")
_SLUG = re.compile(r"\bBC-[A-Z]{2,}")
_NOTE = re.compile(r"^(?:AP\s+Photos?\b|Eds?:|Editors?:|With\s+AP\s+Photos?)", re.I)
_ROLE = re.compile(r"^(?:AP|Associated\s+Press)\s+[\w ]{0,30}(?:Writer|Correspondent|Editor)$")


def is_wire_transmission(units: list) -> bool:
    """An ANPA transmission: control codes at the top and `^…<` header lines."""
    if len(units) < 4 or not _CONTROL_PICTURE.search(units[0].text):
        return False
    return sum(1 for u in units[:12] if _header_body(u.text) is not None) >= 2


def _header_body(text: str) -> str | None:
    """The text of a `^…<` / `^…=` header line without its marks, or None."""
    if not text.startswith("^"):
        return None
    body = text.rstrip()
    if not body.endswith(("<", "=")):
        return None
    return body[1:-1].strip()


def _trim(u, body: str) -> None:  # u: a plain_structure.Unit
    at = u.text.index(body) if body else 0
    u.start += at
    u.text = body
    u.end = u.start + len(body)


def mark_wire(units: list) -> bool:
    """Fold an ANPA transmission's codes, slug, notes and trailer; trim its header marks.
    True when the units are a transmission."""
    if not is_wire_transmission(units):
        return False
    in_header = True
    for u in units:
        codes = _CONTROL_PICTURE.search(u.text) is not None
        if not in_header:
            if codes and len(u.text) <= 60:
                u.kind, u.label = "boilerplate", "Wire trailer"
            continue
        if codes or _SLUG.search(u.text):
            u.kind, u.label = "boilerplate", "Wire header"
            continue
        body = _header_body(u.text)
        if body is None:
            in_header = False  # the story has begun
            continue
        _trim(u, body)
        if _NOTE.match(u.text):
            u.kind, u.label = "boilerplate", "Wire notes"
        elif _ROLE.match(u.text):
            u.kind = "meta"
    return True
