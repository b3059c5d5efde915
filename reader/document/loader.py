"""Turn a path into a Document: read, decode, normalise, then parse by extension.

`.md` and `.markdown` files go through the Markdown parser, everything else through the
plain-text parser. Sentences are not computed here (they are lazy per block), so opening a
whole book only costs decoding and block splitting.

Bad input raises ReaderError with a one-line "<what>: <path>" message: a missing path, a
directory, a file that cannot be read, a binary file. An empty or whitespace-only file is
not an error: it opens as an empty Document with a note in `Document.messages`.
"""

from __future__ import annotations

import gc
from pathlib import Path

from reader.document.decode import read_text
from reader.document.model import Document
from reader.errors import ReaderError

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown"})


def is_markdown(path: str | Path) -> bool:
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES


def _has_articles(folder: Path) -> bool:
    try:
        for p in folder.rglob("*"):
            if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file():
                return True
    except OSError:
        return False
    return False


def _check_path(p: Path) -> None:
    if p.is_dir():
        if not _has_articles(p):
            raise ReaderError(f"no articles (.txt, .md, .markdown) in directory: {p}")
        raise ReaderError(f"is a directory, not an article file: {p}")
    if not p.exists():
        raise ReaderError(f"no such file: {p}")


def parse_text(text: str, path: str | Path, encoding: str = "utf-8") -> Document:
    """A Document from already normalised text (see reader.document.decode.normalize)."""
    # Parsing a book allocates tens of thousands of small objects and no cycles: pausing the
    # cyclic collector meanwhile saves needless full collections over the app's heap.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse_text(text, path, encoding)
    finally:
        if paused:
            gc.enable()


def _parse_text(text: str, path: str | Path, encoding: str) -> Document:
    p = Path(path)
    fmt = "markdown" if is_markdown(p) else "text"
    if not text.strip():
        doc = Document(str(p), fmt, text, [], encoding=encoding)
        doc.meta.title = p.stem
        doc.messages.append(f"empty article: {p}")
        return doc
    if fmt == "markdown":
        from reader.document.markdown import parse_markdown

        md = parse_markdown(text, p.stem)
        doc = Document(str(p), fmt, md.text, md.blocks, md.meta, encoding=encoding)
        doc.messages.extend(md.messages)
    else:
        from reader.document.plaintext import parse_plaintext

        plain = parse_plaintext(text, p.stem)
        doc = Document(str(p), fmt, text, plain.blocks, plain.meta, encoding=encoding)
    if not doc.blocks:
        doc.messages.append(f"empty article: {p}")
    return doc


def load_document(path: str | Path) -> Document:
    """Read and parse an article file. Raises ReaderError for bad input (one line)."""
    p = Path(path)
    _check_path(p)
    text, encoding = read_text(p)
    return parse_text(text, p, encoding)
