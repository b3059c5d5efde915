"""What tells a file margin-reader exported, from the start of its text, whatever the user
named it (`reader export --format w3c -o notes.md`): the library lists none of these as an
article (reader/library.py) and library search indexes none (reader/library_search.py).

- Markdown exports (notes, dossier, the library's) start with the MARKER line.
- A W3C export starts with its `@context`: the Web Annotation context, then ours
  (`urn:margin-reader:`, the `margin:` prefix of our own properties).
- A ClaimReview export is a list of ClaimReviews (`[]` when no claim is checked), each
  starting with the schema.org context and its type.

Pure and small: no exporter is loaded to ask.
"""

from __future__ import annotations

import re
from pathlib import Path

MARKER = "<!-- margin-reader export -->"
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
EXTENSION = "urn:margin-reader:"  # the `margin:` prefix of the extension properties
SCHEMA = "https://schema.org"

_JSON_EXPORT = re.compile(
    r"\s*(?:"
    rf'\{{\s*"@context"\s*:\s*\[\s*"{re.escape(ANNOTATION_CONTEXT)}"\s*,'
    rf'\s*\{{\s*"margin"\s*:\s*"{re.escape(EXTENSION)}"'
    r"|\[\s*\]\s*\Z"
    rf'|\[\s*\{{\s*"@context"\s*:\s*"{re.escape(SCHEMA)}"\s*,\s*"@type"\s*:\s*"ClaimReview"'
    r")"
)


def is_export_text(head: str) -> bool:
    """True when `head`, the start of a file's text (its first few hundred characters are
    enough), is how one of our exports starts."""
    if head.partition("\n")[0].strip() == MARKER:
        return True
    return _JSON_EXPORT.match(head) is not None


def is_ours(path: Path) -> bool:
    """True when `path` starts with our marker line: a Markdown export the exporter may
    overwrite, losing nothing."""
    try:
        with path.open("rb") as fh:
            first = fh.readline(len(MARKER) + 8)
    except OSError:
        return False
    return first.strip() == MARKER.encode()
