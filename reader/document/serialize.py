"""`reader parse PATH`: the document model as JSON (sentences computed for every block).

Imports nothing from textual, so scripting stays fast.
"""

from __future__ import annotations

import json
import sys

from reader.document.model import Document


def document_to_dict(doc: Document, sentences: bool = True) -> dict[str, object]:
    """The JSON shape of `reader parse`: metadata (the dateline's place too, "" when there is
    none), then blocks with their sentences; a folded block's `label` says why it was folded."""
    blocks = []
    for block in doc.blocks:
        item: dict[str, object] = {
            "kind": block.kind,
            "start": block.start,
            "end": block.end,
            "text": block.text,
        }
        if block.level:
            item["level"] = block.level
        if block.label:
            item["label"] = block.label
        item["line"] = block.source_line
        if block.spans:
            item["spans"] = [
                {"start": s.start, "end": s.end, "style": s.style}
                | ({"url": s.url} if s.url is not None else {})
                for s in block.spans
            ]
        if sentences:
            item["sentences"] = [
                {"start": s.start, "end": s.end, "text": s.text} for s in block.sentences
            ]
        blocks.append(item)
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
        "blocks": blocks,
    }


def dumps(data: dict[str, object], indent: int = 2) -> str:
    """JSON text for `document_to_dict` output.

    With `indent`, the top-level fields are indented and each block is one compact line:
    readable, and it keeps the json module's fast C encoder (an indented `json.dumps` falls
    back to the pure-Python one, seconds for a whole book).
    """
    if not indent:
        return json.dumps(data, ensure_ascii=False)
    pad = " " * indent
    lines = ["{"]
    items = list(data.items())
    for k, (key, value) in enumerate(items):
        comma = "," if k + 1 < len(items) else ""
        head = f"{pad}{json.dumps(key)}: "
        if key == "blocks" and isinstance(value, list) and value:
            lines.append(head + "[")
            encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every row
            rows = [pad * 2 + encode(v) for v in value]
            lines.append(",\n".join(rows))
            lines.append(f"{pad}]{comma}")
        else:
            lines.append(head + json.dumps(value, ensure_ascii=False) + comma)
    lines.append("}")
    return "\n".join(lines)


def parse_command(path: str, indent: int = 2) -> int:
    """Print the document model of `path` as JSON; notes (e.g. empty article) go to stderr."""
    from reader.document.loader import load_document

    doc = load_document(path)
    for message in doc.messages:
        print(f"reader: note: {message}", file=sys.stderr)
    sys.stdout.write(dumps(document_to_dict(doc, sentences=True), indent))
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0
