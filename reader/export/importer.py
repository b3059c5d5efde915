"""Read a W3C Web Annotation file and add its annotations to an article's sidecar."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.annotations.evidence_links import relative_source
from reader.annotations.merge import join_notes
from reader.annotations.model import Annotation, quote_selector
from reader.document.decode import one_line
from reader.errors import ReaderError, cannot, is_a_folder, no_such_path
from reader.export.w3c import W3CFormatError
from reader.export.w3c_article_note import ArticleNote, W3CFile, parse_w3c_file


@dataclass(slots=True)
class ImportResult:
    added: int = 0
    matched: int = 0
    orphaned: int = 0
    skipped: int = 0  # items with no TextQuoteSelector or TextPositionSelector
    # the article note: "" (the file has none for this article), "added" (the article had
    # none), "matched" (it already says that), "merged" (it said something else: both kept)
    article_note: str = ""
    other_notes: int = 0  # article notes in the file for other articles, left out

    def summary(self) -> str:
        counts = f"added {self.added}, matched {self.matched}, orphaned {self.orphaned}"
        return f"{counts}, article note {self.article_note}" if self.article_note else counts


def read_w3c_file(path: str | Path) -> W3CFile:
    """The highlights and article notes of a W3C JSON file; ReaderError naming the file
    otherwise."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ReaderError(no_such_path(p)) from None
    except IsADirectoryError:
        raise ReaderError(is_a_folder(p, "a W3C JSON file")) from None
    except OSError as error:
        raise ReaderError(cannot("read", p, error)) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReaderError(f"not a UTF-8 JSON file: {one_line(str(p))}") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}: {error.msg}"
        raise ReaderError(f"invalid JSON ({where}): {one_line(str(p))}") from None
    except RecursionError:
        raise ReaderError(f"JSON nested too deeply: {one_line(str(p))}") from None
    except ValueError:  # an integer longer than Python converts
        raise ReaderError(
            f"unreadable JSON (a number with too many digits): {one_line(str(p))}"
        ) from None
    try:
        return parse_w3c_file(data)
    except W3CFormatError as error:
        raise ReaderError(f"not W3C Web Annotation JSON ({error}): {one_line(str(p))}") from None


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
        result.matched += counts["matched"]
        result.orphaned += counts["orphaned"]
    return result


def import_article_note(store, note: ArticleNote | None) -> str:
    """Bring the imported article note into the store's; what happened (`ImportResult`).

    As when two windows edited it (reader.annotations.merge), a different note already
    there is never replaced: both texts are kept, the article's first, each part once (so
    importing the same file again changes nothing)."""
    if note is None:
        return ""
    mine = store.article_note
    if not mine.strip():
        store.set_article_note(note.text)
        return "added"
    merged = join_notes(mine, note.text)
    if merged == mine:
        return "matched"
    store.set_article_note(merged)
    return "merged"
