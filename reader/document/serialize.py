"""`reader parse PATH`: the document model as JSON (sentences computed for every block).

Imports nothing from textual, so scripting stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from reader.document.collector import collector_paused
from reader.document.model import Block, Document


def _block_row(block: Block, text: str, encode: Callable[[object], str], sentences: bool) -> str:
    """One block as a JSON object (keys in a fixed order: kind, start, end, text, level and
    label when set, line, spans when any, sentences). Written field by field, so a book's
    sentences become JSON without a dictionary (or a `Sentence`) for each one; a
    sentence's text is `text[start:end]` (`text` is the document's anchor text)."""
    parts = [
        f'{{"kind": {encode(block.kind)}, "start": {block.start}, "end": {block.end}, '
        f'"text": {encode(block.text)}'
    ]
    if block.level:
        parts.append(f', "level": {block.level}')
    if block.label:
        parts.append(f', "label": {encode(block.label)}')
    parts.append(f', "line": {block.source_line}')
    if block.spans:
        spans = [
            {"start": s.start, "end": s.end, "style": s.style}
            | ({"url": s.url} if s.url is not None else {})
            for s in block.spans
        ]
        parts.append(f', "spans": {encode(spans)}')
    if sentences:
        rows = [
            f'{{"start": {start}, "end": {end}, "text": {encode(text[start:end])}}}'
            for start, end in block.sentence_offsets()
        ]
        parts.append(', "sentences": [' + ", ".join(rows) + "]")
    parts.append("}")
    return "".join(parts)


def _head(doc: Document) -> dict[str, object]:
    meta = doc.meta
    return {
        "path": doc.path,
        "format": doc.format,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "published": meta.published,
        "source": meta.source,
        "authors": list(meta.authors),
        "dateline": str(meta.extra.get("dateline", "")),
        "encoding": doc.encoding,
    }


def document_json(doc: Document, indent: int = 2, sentences: bool = True) -> str:
    """The JSON text of `reader parse`: metadata (the dateline's place too, "" when there is
    none), then `blocks` with their sentences; a folded block's `label` says why it was
    folded.

    Each block is written as soon as its fields are read, so a whole book never holds a
    dictionary per block or per sentence. With `indent`, the metadata fields are
    indented and each block is one compact line: readable, and it keeps the json module's
    fast C encoder (an indented `json.dumps` falls back to the pure-Python one).
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every block
    text = doc.text
    # The rows (and the sentences segmented for them) are strings and tuples of numbers.
    with collector_paused():
        rows = [_block_row(block, text, encode, sentences) for block in doc.blocks]
    head = _head(doc)
    if not indent:
        return encode(head)[:-1] + ', "blocks": [' + ", ".join(rows) + "]}"
    pad = " " * indent
    lines = ["{"]
    lines.extend(f"{pad}{json.dumps(key)}: {encode(value)}," for key, value in head.items())
    if rows:
        lines.append(f'{pad}"blocks": [')
        lines.append(",\n".join(pad * 2 + row for row in rows))
        lines.append(f"{pad}]")
    else:
        lines.append(f'{pad}"blocks": []')
    lines.append("}")
    return "\n".join(lines)


def parse_command(path: str, indent: int = 2) -> int:
    """Print the document model of `path` as JSON; notes (e.g. empty article) go to stderr."""
    from reader.document.loader import load_document

    doc = load_document(path)
    for message in doc.messages:
        print(f"reader: note: {message}", file=sys.stderr)
    sys.stdout.write(document_json(doc, indent))
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0
