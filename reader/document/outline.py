"""What is kept of an article's parse between runs, and how it is checked.

A parse (blocks, sentences, metadata) is derived from the text and from the code in
`reader/document/`: anything stored from it (the export's outline cache, the highlights'
places in a sidecar) is valid only for the same text (its SHA-256) and the same code
(`code_fingerprint`)."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Any

from reader.document.model import Metadata

OUTLINE_FORMAT = 2  # bump when what is stored changes meaning


def code_fingerprint() -> str:
    """A digest of the code that makes blocks and sentences (reader/document/*.py)."""
    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"format {OUTLINE_FORMAT}".encode())
    for path in sorted(folder.glob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


_META_STRINGS = ("title", "subtitle", "source")


def meta_to_json(meta: Metadata) -> dict[str, Any]:
    return {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "published": meta.published,
        "source": meta.source,
        "authors": list(meta.authors),
        "extra": dict(meta.extra),
    }


def meta_from_json(data: Any) -> Metadata | None:
    if not isinstance(data, dict) or set(data) != {*_META_STRINGS, "published", "authors", "extra"}:
        return None
    published, authors, extra = data["published"], data["authors"], data["extra"]
    if not (
        all(type(data[key]) is str for key in _META_STRINGS)
        and (published is None or type(published) is str)
        and isinstance(authors, list)
        and all(type(a) is str for a in authors)
        and isinstance(extra, dict)
    ):
        return None
    return Metadata(data["title"], data["subtitle"], published, data["source"], authors, extra)
