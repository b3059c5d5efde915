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

from reader.document.decode import one_line, read_text
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


def title_fallback(path: str | Path) -> str:
    """The title a plain-text article without one gets: its file name's stem, one line."""
    return one_line(Path(path).stem)


def read_article(path: str | Path) -> tuple[str, str]:
    """An article file's normalised text and encoding, not parsed (`parse_text` does that).
    Raises ReaderError for bad input, like `load_document`."""
    p = Path(path)
    _check_path(p)
    return read_text(p)


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
        doc.meta.title = title_fallback(p)
        doc.messages.append(f"empty article: {p}")
        return doc
    if fmt == "markdown":
        from reader.document.markdown import parse_markdown

        md = parse_markdown(text, title_fallback(p))
        doc = Document(str(p), fmt, md.text, md.blocks, md.meta, encoding=encoding)
        doc.messages.extend(md.messages)
    else:
        from reader.document.plaintext import parse_plaintext

        plain = parse_plaintext(text, title_fallback(p))
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


HEAD_BYTES = 64 * 1024  # enough for the first screens of a big article


def _decode_head(data: bytes) -> tuple[str, str] | None:
    """Decode the first bytes of a file (maybe cut inside a character): (text, encoding)."""
    import codecs

    from reader.document.decode import CP1252_TABLE, looks_binary

    for bom, codec, name in (
        (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
        (b"\xff\xfe", "utf-16", "utf-16-le"),
        (b"\xfe\xff", "utf-16", "utf-16-be"),
    ):
        if data.startswith(bom):
            unit = 4 if codec == "utf-32" else 2 if codec == "utf-16" else 1
            data = data[: len(data) - (len(data) - len(bom)) % unit]
            return data.decode(codec, "replace"), name
    if looks_binary(data):
        return None
    for cut in range(4):  # a UTF-8 character cut at the end of the head
        try:
            return data[: len(data) - cut].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            if error.start < len(data) - 4:
                break
    return codecs.charmap_decode(data, "strict", CP1252_TABLE)[0], "cp1252"


def load_document_head(path: str | Path, max_bytes: int = HEAD_BYTES) -> tuple[Document, bool]:
    """The first screens of an article, fast: (document, complete).

    When the file is no bigger than `max_bytes` this is `load_document` and `complete` is
    True. Otherwise only the first `max_bytes` are read, cut after the last blank line (so
    every paragraph in it is whole and its offsets are those of the full document), and
    parsed; `complete` is False and the caller loads the whole file later (in a worker).
    Nothing is hashed. Raises ReaderError for bad input, like `load_document`.
    """
    from reader.document.decode import normalize, one_line

    p = Path(path)
    _check_path(p)
    try:
        size = p.stat().st_size
        if size <= max_bytes:
            return load_document(p), True
        with open(p, "rb") as fh:
            data = fh.read(max_bytes)
    except OSError:
        return load_document(p), True  # read_text names the problem
    decoded = _decode_head(data)
    if decoded is None:
        raise ReaderError(f"binary file, not a text article: {one_line(str(p))}")
    text, encoding = decoded
    text = normalize(text)
    cut = text.rfind("\n\n")
    if cut <= 0:
        cut = text.rfind("\n")
    if cut > 0:
        text = text[: cut + 1]
    return parse_text(text, p, encoding), False
