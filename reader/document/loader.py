"""Turn a path into a Document (PLACEHOLDER: the document helper replaces this)."""

from __future__ import annotations

from pathlib import Path

from reader.document.model import Block, Document, Metadata
from reader.errors import ReaderError


def load_document(path: str | Path) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"no such file: {p}") from None
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    blocks = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            kind = "title" if not blocks else "paragraph"
            blocks.append(Block(kind, pos, pos + len(line), line))
        pos += len(line) + 1
    meta = Metadata(title=blocks[0].text if blocks else p.name)
    return Document(str(p), "text", text, blocks, meta)
