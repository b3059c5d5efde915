"""Turn a path into a Document: read, decode, normalise, then parse by extension.

`.md` and `.markdown` files go through the Markdown parser, everything else through the
plain-text parser. A saved web page (`.html`, `.htm`) is first made Markdown by the news
extraction (reader/document/html.py), then parsed as Markdown. Sentences are not computed
here (they are lazy per block), so opening a whole book only costs decoding and block
splitting.

Bad input raises ReaderError with a one-line "<what>: <path>" message: a missing path, a
directory, a file that cannot be read, a binary file. An empty or whitespace-only file is
not an error: it opens as an empty Document with a note in `Document.messages`.
"""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG

from reader.document.collector import collector_paused
from reader.document.decode import (
    ARTICLE_MAX_BYTES,
    decode_bytes,
    normalize,
    one_line,
    read_text,
)
from reader.document.model import Document
from reader.errors import ReaderError, binary_file

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
_RENDERED_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES


def is_markdown(path: str | Path) -> bool:
    """True when the displayed text is rendered from markup (a saved page included), so
    offsets are those of the rendered text, not of the file."""
    return Path(path).suffix.lower() in _RENDERED_SUFFIXES


def is_html(path: str | Path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def title_fallback(path: str | Path) -> str:
    """The title a plain-text article without one gets: its file name's stem, one line."""
    return one_line(Path(path).stem)


def read_article(path: str | Path) -> tuple[str, str]:
    """An article file's normalised text and encoding, not parsed (`parse_text` does that).
    Raises ReaderError for bad input, like `load_document`."""
    return read_text(path)  # which says what is wrong with a path


def parse_text(text: str, path: str | Path, encoding: str = "utf-8") -> Document:
    """A Document from already normalised text (see reader.document.decode.normalize)."""
    # Parsing a book allocates tens of thousands of small objects and no cycles.
    with collector_paused():
        return _parse_text(text, path, encoding)


def _parse_text(text: str, path: str | Path, encoding: str) -> Document:
    p = Path(path)
    fmt = "markdown" if is_markdown(p) else "text"
    if not text.strip():
        doc = Document(str(p), fmt, text, [], encoding=encoding)
        doc.meta.title = title_fallback(p)
        doc.messages.append(f"empty article: {p}")
        return doc
    if fmt == "markdown":
        # The Markdown parser (markdown-it, YAML) is loaded by the first Markdown article.
        from reader.document.markdown import parse_markdown

        notes: list[str] = []
        if is_html(p):
            from reader.document.html import page_markdown

            text = page_markdown(text, p, encoding, notes)
        md = parse_markdown(text, title_fallback(p))
        doc = Document(str(p), fmt, md.text, md.blocks, md.meta, encoding=encoding)
        doc.messages.extend(notes + md.messages)
    else:
        # Likewise the plain-text parser: an export whose sidecars hold every highlight's
        # place (reader/annotations/places.py) reads articles and parses none.
        from reader.document.plaintext import parse_plaintext

        plain = parse_plaintext(text, title_fallback(p))
        doc = Document(str(p), fmt, text, plain.blocks, plain.meta, encoding=encoding)
    if not doc.blocks:
        doc.messages.append(f"empty article: {p}")
    return doc


def load_document(path: str | Path) -> Document:
    """Read and parse an article file. Raises ReaderError for bad input (one line)."""
    p = Path(path)
    text, encoding = read_text(p)
    return parse_text(text, p, encoding)


HEAD_BYTES = 64 * 1024  # enough for the first screens of a big article


def load_document_head(path: str | Path, max_bytes: int = HEAD_BYTES) -> tuple[Document, bool]:
    """The first screens of an article, fast: (document, complete).

    When the file is no bigger than `max_bytes` this is `load_document` and `complete` is
    True. Otherwise only the first `max_bytes` are read, cut after the last blank line (so
    every paragraph in it is whole and its offsets are those of the full document), and
    parsed; `complete` is False and the caller loads the whole file later (in a worker).
    Nothing is hashed. Raises ReaderError for bad input, like `load_document`.
    """
    text, encoding, complete = read_article_head(path, max_bytes)
    return parse_text(text, path, encoding), complete


def read_article_head(path: str | Path, max_bytes: int = HEAD_BYTES) -> tuple[str, str, bool]:
    """(normalised text, encoding, complete) of what `load_document_head` parses: the whole
    file when it is no bigger than `max_bytes` (or a page), else its first `max_bytes` cut
    after the last blank line. Raises ReaderError for bad input, like `read_article`."""
    p = Path(path)
    try:
        st = os.stat(p)
        # A page is extracted whole; `read_text` refuses what is not a regular file, or
        # is too big to read.
        small, huge = st.st_size <= max_bytes, st.st_size > ARTICLE_MAX_BYTES
        if small or huge or is_html(p) or not S_ISREG(st.st_mode):
            return *read_text(p), True
        with open(p, "rb") as fh:
            data = fh.read(max_bytes)
    except OSError:
        return *read_text(p), True  # read_text names the problem
    decoded = decode_bytes(data, head=True)
    if decoded is None:
        raise ReaderError(binary_file(p))
    text, encoding = decoded
    text = normalize(text)
    cut = text.rfind("\n\n")
    if cut <= 0:
        cut = text.rfind("\n")
    if cut > 0:
        text = text[: cut + 1]
    return text, encoding, False
