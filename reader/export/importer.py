"""Read a W3C Web Annotation file and add its annotations to an article's sidecar."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.annotations.evidence_links import relative_source
from reader.annotations.model import Annotation, quote_selector
from reader.errors import ReaderError
from reader.export.w3c import W3CFormatError, parse_w3c_counted


@dataclass(slots=True)
class ImportResult:
    added: int = 0
    matched: int = 0
    orphaned: int = 0
    skipped: int = 0  # items with no TextQuoteSelector or TextPositionSelector
    merged: int = 0  # of the matched: their note and tags joined the stored highlight's

    def summary(self) -> str:
        merged = f" ({self.merged} merged)" if self.merged else ""
        return f"added {self.added}, matched {self.matched}{merged}, orphaned {self.orphaned}"


def read_w3c_file(path: str | Path) -> tuple[list[Annotation], int]:
    """(annotations, skipped) from a W3C JSON file; ReaderError naming the file otherwise."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"no such file: {p}") from None
    except OSError as error:
        raise ReaderError(f"cannot read {p}: {error.strerror or error}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReaderError(f"{p}: not a UTF-8 JSON file") from None
    except json.JSONDecodeError as error:
        raise ReaderError(
            f"{p}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise ReaderError(f"{p}: JSON nested too deeply") from None
    except ValueError:  # an integer longer than Python converts
        raise ReaderError(f"{p}: unreadable JSON (a number with too many digits)") from None
    try:
        return parse_w3c_counted(data)
    except W3CFormatError as error:
        raise ReaderError(f"{p}: not W3C Web Annotation JSON ({error})") from None


def fill_from_position(text: str, ann: Annotation) -> Annotation | None:
    """An annotation that came with only a TextPositionSelector takes its quote from the
    article; None when the position is outside the text."""
    if ann.exact:
        return ann
    if not 0 <= ann.start < ann.end <= len(text):
        return None
    prefix, exact, suffix = quote_selector(text, ann.start, ann.end)
    return ann.replace(exact=exact, prefix=prefix, suffix=suffix, tags=list(ann.tags))


def local_links(article: str, ann: Annotation) -> Annotation:
    """`ann` with its links to highlights of `file://` articles made relative to `article`'s
    folder, as the store keeps them ("" for `article` itself)."""
    if not any(link.source.startswith("file:") for link in ann.evidence):
        return ann
    links = []
    for link in ann.evidence:
        if link.source.startswith("file:"):
            try:
                path = uri_to_path(link.source)
            except ValueError:
                path = None
            if path is not None:
                link = dataclasses.replace(link, source=relative_source(article, path))
        links.append(link)
    return ann.replace(evidence=links)


def uri_to_path(uri: str) -> Path:
    """The local path of a `file://` URI (ValueError for another host)."""
    parts = urlsplit(uri)
    if parts.netloc not in ("", "localhost"):
        raise ValueError(f"not a local file: {uri}")
    return Path(unquote(parts.path))


def import_into(store, text: str, annotations: list[Annotation]) -> ImportResult:
    """Add each annotation through the store's re-anchoring path and count the outcomes."""
    result = ImportResult()
    for ann in annotations:
        ann = local_links(store.document.path, ann)
        filled = fill_from_position(text, ann)
        if filled is None:
            result.skipped += 1
            continue
        outcome, _ = store.add_annotation(filled)
        counts = Counter({outcome: 1})
        result.added += counts["added"]
        result.matched += counts["matched"] + counts["merged"]
        result.merged += counts["merged"]
        result.orphaned += counts["orphaned"]
    return result
