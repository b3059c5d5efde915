"""What is kept of an article's parse between runs, and how it is checked.

A parse (blocks, sentences, metadata) is derived from the text and from the code in
`reader/document/`: anything stored from it (the export's outline cache, the highlights'
places in a sidecar) is valid only for the same text (its SHA-256) and the same code
(`code_fingerprint`)."""

from __future__ import annotations

import contextlib
import zlib
from pathlib import Path

from reader.document.model import Metadata

TYPE_CHECKING = False  # `typing` costs milliseconds at start-up; annotations are strings
if TYPE_CHECKING:
    from typing import Any

OUTLINE_FORMAT = 2  # bump when what is stored changes meaning


_fingerprint: str | None = None  # the code does not change while it runs


def code_fingerprint() -> str:
    """A checksum of the code that makes blocks and sentences (reader/document/*.py).

    CRC-32 rather than a cryptographic digest: it tells one version's code from another's,
    and `zlib` loads in a fraction of the time `hashlib` (OpenSSL) takes, on the path of
    every export."""
    global _fingerprint
    if _fingerprint is None:
        folder = Path(__file__).resolve().parent
        crc = zlib.crc32(f"format {OUTLINE_FORMAT}".encode())
        for path in sorted(folder.glob("*.py")):
            with contextlib.suppress(OSError):
                crc = zlib.crc32(path.name.encode() + b"\0" + path.read_bytes() + b"\0", crc)
        _fingerprint = f"{crc:08x}"
    return _fingerprint


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
