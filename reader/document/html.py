"""A saved web page as an article: extracted to Markdown the way `reader add` saves it.

The loader calls `page_markdown` for `.html`/`.htm` files and parses the result as Markdown,
so a page opened directly reads like the same page added to the library. A page with no
article text becomes a one-paragraph Markdown note saying so (not raw tags). A page nested
too deeply for the extractor is flattened first, or read as plain paragraphs
(reader.document.html_depth), and a note says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from reader.document.html_depth import shallow_page
from reader.document.html_text import html_pieces
from reader.errors import ReaderError

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def page_markdown(
    html: str, path: str | Path, encoding: str = "utf-8", notes: list[str] | None = None
) -> str:
    """Markdown with YAML front matter (title, authors, date, source, canonical) for a page
    whose text, decoded as files are (`encoding`), is `html`; what was done to a page nested
    too deeply is added to `notes`, naming `path`."""
    from reader.news.extract import extract_article

    if not encoding.startswith("utf-"):
        html = _as_declared(html, Path(path))
    html, note, whole = shallow_page(html)
    if note is not None and notes is not None:
        notes.append(f"{note}: {path}")
    if not whole:
        return _plain_markdown(html)
    try:
        article = extract_article(html, where=str(path))
    except ReaderError as error:
        return f"{_escaped(str(error))}\n"
    fields = {
        "title": article.title,
        "authors": article.authors,
        "date": article.date,
        "source": article.source,
        "canonical": article.canonical,
    }
    fields = {key: value for key, value in fields.items() if value not in (None, "", [])}
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n\n{article.body}"


def _plain_markdown(html: str) -> str:
    """The page's text as Markdown paragraphs (code as code blocks), every piece of
    punctuation escaped so none of it is read as markup."""
    blocks = []
    for kind, text in html_pieces(html):
        if kind == "code":
            fence = "`" * max(3, 1 + max((len(r) for r in re.findall("`+", text)), default=0))
            blocks.append(f"{fence}\n{text}\n{fence}")
        else:
            blocks.append(_PUNCTUATION.sub(r"\\\1", text))
    return "\n\n".join(blocks) + "\n"


def _escaped(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_[]<>#!" else c for c in text)


def _as_declared(html: str, path: Path) -> str:
    """A page that is not UTF-8 read again in the charset its <meta> declares, as `reader add`
    reads it (files are decoded as UTF-8, else Windows-1252, which a Greek or Cyrillic page
    is not)."""
    from reader.document.decode import normalize
    from reader.news.fetch import decode_page

    try:
        return normalize(decode_page(path.read_bytes(), None, str(path)))
    except (OSError, ReaderError):
        return html
