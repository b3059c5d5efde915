"""Helpers for the annotations tests: a small inline article and a Document maker."""

from __future__ import annotations

from pathlib import Path

from reader.document.model import Document

ARTICLE = (
    "Council approves new bridge budget\n"
    "\n"
    "The city council voted 7-2 on Tuesday to approve a budget of 40 million for the new "
    "bridge. Critics said the cost estimate was too low. The mayor said the bridge would "
    "open in 2027.\n"
    "\n"
    "Engineers warned that the river bed is unstable. The council did not discuss the "
    "warning. The mayor said the bridge would open in 2027.\n"
)

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def make_document(path: Path, text: str) -> Document:
    """A plain-text Document for `text` (the file is written too, so the CLI can load it)."""
    path.write_text(text, encoding="utf-8")
    return Document(path=str(path), format="text", text=text, blocks=[])
