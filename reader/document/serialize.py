"""`reader parse PATH`: the document model as JSON (sentences computed for every block).

Imports nothing from textual, so scripting stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _quoted  # one string, as encode() quotes it

from reader.document.collector import collector_paused
from reader.document.model import Block, Document


def _block_row(block: Block, text: str, encode: Callable[[object], str], sentences: bool) -> str:
    """One block as a JSON object (keys in a fixed order: kind, start, end, text, level and
    label when set, line, spans when any, sentences). Written field by field, so a book's
    sentences become JSON without a dictionary (or a `Sentence`) for each one; a
    sentence's text is `text[start:end]` (`text` is the document's anchor text), and a
    sentence that is the block's whole text is written with the block's own fields."""
    shown, first, last = block.text, block.start, block.end
    own = f'"start": {first}, "end": {last}, "text": {_quoted(shown)}'
    row = f'{{"kind": {_quoted(block.kind)}, {own}'
    if block.level:
        row += f', "level": {block.level}'
    if block.label:
        row += f', "label": {_quoted(block.label)}'
    row += f', "line": {block.source_line}'
    if block.spans:
        spans = [
            {"start": s.start, "end": s.end, "style": s.style}
            | ({"url": s.url} if s.url is not None else {})
            for s in block.spans
        ]
        row += f', "spans": {encode(spans)}'
    if not sentences:
        return row + "}"
    rows = []
    for start, end in block.sentence_offsets():
        sentence = text[start:end]
        if start == first and end == last and sentence == shown:
            rows.append(f"{{{own}}}")
        else:
            rows.append(f'{{"start": {start}, "end": {end}, "text": {_quoted(sentence)}}}')
    return f'{row}, "sentences": [{", ".join(rows)}]}}'


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


def document_json_pieces(doc: Document, indent: int = 2, sentences: bool = True) -> Iterator[str]:
    """The JSON text of `reader parse`, in pieces that join to the whole: metadata (the
    dateline's place too, "" when there is none), then `blocks` with their sentences; a
    folded block's `label` says why it was folded.

    Each block is written as soon as its fields are read, and each piece can be written out
    as soon as it is made, so a whole book is never held as JSON, nor as a dictionary per
    block or per sentence. With `indent`, the metadata fields are indented and each block
    is one compact line: readable, and it keeps the json module's fast C encoder (an
    indented `json.dumps` falls back to the pure-Python one).
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every block
    text = doc.text
    head = _head(doc)
    if indent:
        pad = " " * indent
        fields = "".join(
            f"{pad}{json.dumps(key)}: {encode(value)},\n" for key, value in head.items()
        )
        opening, separator, closing = f'{{\n{fields}{pad}"blocks": [', ",\n" + pad * 2, "]\n}"
        if doc.blocks:
            opening, closing = opening + "\n" + pad * 2, f"\n{pad}]\n}}"
    else:
        opening, separator, closing = encode(head)[:-1] + ', "blocks": [', ", ", "]}"
    yield opening
    # The rows (and the sentences segmented for them) are strings and tuples of numbers.
    with collector_paused():
        for k, block in enumerate(doc.blocks):
            row = _block_row(block, text, encode, sentences)
            yield separator + row if k else row
    yield closing


def document_json(doc: Document, indent: int = 2, sentences: bool = True) -> str:
    """The whole JSON text of `reader parse` as one string (`document_json_pieces`)."""
    return "".join(document_json_pieces(doc, indent, sentences))


def parse_command(path: str, indent: int = 2) -> int:
    """Print the document model of `path` as JSON; notes (e.g. empty article) go to stderr."""
    from reader.document.loader import load_document

    doc = load_document(path)
    for message in doc.messages:
        print(f"reader: note: {message}", file=sys.stderr)
    write = sys.stdout.write
    for piece in document_json_pieces(doc, indent):
        write(piece)
    write("\n")
    sys.stdout.flush()
    return 0
