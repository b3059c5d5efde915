"""Small documents and annotations built inline for the export tests (no loader needed)."""

from __future__ import annotations

from reader.annotations.model import Annotation
from reader.document.model import Block, Document, Metadata


def build_document(text: str, path: str = "/tmp/story.txt", fmt: str = "text", **meta) -> Document:
    """One block per non-empty line; the first is the title. source_line is exact."""
    blocks = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            kind = "title" if not blocks else "paragraph"
            blocks.append(Block(kind, pos, pos + len(line), line, source_line=number))
        pos += len(line) + 1
    metadata = Metadata(title=blocks[0].text if blocks else "", **meta)
    return Document(path, fmt, text, blocks, metadata)


def annotate(doc: Document, quote: str, occurrence: int = 1, **kw) -> Annotation:
    start = -1
    for _ in range(occurrence):
        start = doc.text.index(quote, start + 1)
    created = kw.pop("created", "2026-01-27T10:00:00Z")
    ann = Annotation.create(doc.text, start, start + len(quote), **kw)
    ann.created = ann.modified = created
    return ann


STORY = (
    "Budget to set scene for election\n"
    "\n"
    "Gordon Brown will seek to put the economy at the centre of Labour's bid. He will say so.\n"
    "\n"
    "The chancellor is expected to freeze duties. Tax cuts are *possible* but #1 unlikely.\n"
    "Some say 1. nothing <b>will</b> & change.\n"
)
