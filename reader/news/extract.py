"""An article out of an HTML page: metadata and body as Markdown, through trafilatura.

trafilatura finds the main text (leaving out navigation, footers and comments) and renders
paragraphs, subheadings, lists, block quotes and links as Markdown. On top of that the
reader knows some page furniture the library keeps: a byline given as "View all posts by X"
or "By X", and closing lines such as "Our Standards: The Thomson Reuters Trust Principles."

Everything from the page is untrusted: titles, authors and site names become one safe line
(`one_line`), the body is sanitised (no control character survives); trafilatura escapes
Markdown syntax in the page's text (`<`, `[`, `*`...), so markup in it shows literally.
trafilatura renders block quotes as plain paragraphs: the reader marks them in the extracted
tree and writes them as Markdown quotes (`> `).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.document.decode import one_line, sanitize
from reader.errors import ReaderError

# Closing lines that are site furniture, not the story (matched on a whole paragraph).
_FURNITURE = (
    re.compile(r"^Our Standards: \[?The Thomson Reuters Trust Principles\.?\]?(\(.*\))?$"),
    re.compile(r"^(Share|Partager)( this| cet article)?( article)?:?$", re.I),
)
_BYLINE_PREFIX = re.compile(r"^(View all posts by|All posts by|Posts by|By)\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&|\|)\s*")
MAX_FIELD = 300  # characters kept of a title, author or site name


@dataclass(slots=True)
class Article:
    title: str
    body: str  # Markdown
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date, published
    source: str = ""  # site name
    canonical: str | None = None
    description: str = ""


def clean_line(value: object) -> str:
    """A metadata value from the web as one safe, trimmed line: control characters, bidi
    overrides and hidden zero-width characters shown as visible ones (reader.document.decode)."""
    if not isinstance(value, str):
        return ""
    return one_line(sanitize(" ".join(value.split())))[:MAX_FIELD]


def split_authors(value: object) -> list[str]:
    names = []
    for part in _AUTHOR_SPLIT.split(clean_line(value)):
        name = _BYLINE_PREFIX.sub("", part).strip(" ,")
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def clean_body(text: str) -> str:
    """Sanitised Markdown paragraphs with furniture lines dropped."""
    paragraphs = []
    in_fence = False  # inside a fenced code block, which may hold blank lines
    for block in sanitize(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n\n"):
        stripped = block.strip()
        if not stripped:
            continue
        was_in_fence = in_fence
        if stripped.count("```") % 2:
            in_fence = not in_fence
        if not was_in_fence:
            if any(rule.match(stripped) for rule in _FURNITURE):
                continue
        paragraphs.append(block.strip("\n"))
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def extract_article(html: str, url: str | None = None, where: str | None = None) -> Article:
    """The article in `html` (fetched from `url`, if known). Raises ReaderError naming
    `where` (default: `url`) when the page has no article text."""
    import trafilatura

    shown = one_line(where or url or "page")
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_formatting=True,
            include_links=True,
            include_tables=True,
            include_images=False,
        )
    except (ValueError, TypeError, RecursionError):
        result = None
    if result is None or not (result.text or "").strip():
        raise ReaderError(f"no article text found in the page: {shown}")
    body = clean_body(_markdown_with_quotes(result, html))
    if not body:
        raise ReaderError(f"no article text found in the page: {shown}")
    title = clean_line(result.title) or clean_line(result.description) or shown
    body = _without_title_heading(body, title)
    canonical = clean_line(result.url) or None
    return Article(
        title=title,
        body=body,
        authors=split_authors(result.author),
        date=clean_line(result.date) or None,
        source=clean_line(result.sitename) or clean_line(result.hostname),
        canonical=canonical if canonical != url else None,
        description=clean_line(result.description),
    )


def _without_title_heading(body: str, title: str) -> str:
    """The body without a first `# heading` that repeats the title (the front matter has it)."""
    first, _, rest = body.partition("\n\n")
    if first.startswith("# ") and rest.strip():
        heading = re.sub(r"\\(.)", r"\1", first[2:])
        if " ".join(heading.split()).casefold() == " ".join(title.split()).casefold():
            return rest
    return body


def _mark_quotes(body, start: str, end: str) -> bool:  # type: ignore[no-untyped-def]
    """Put `start`/`end` around the text of every outermost `quote` element."""
    marked = False
    for quote in body.iter("quote"):
        if any(a.tag == "quote" for a in quote.iterancestors()):
            continue
        first = next((e for e in quote.iter() if (e.text or "").strip()), None)
        if first is None:
            continue
        first.text = start + first.text
        last = quote
        while len(last):
            last = last[-1]
        last.text = (last.text or "") + end
        marked = True
    return marked


def _quoted(match: re.Match[str]) -> str:
    lines = match.group(1).strip("\n").split("\n")
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)


def _markdown_with_quotes(result, page: str) -> str:  # type: ignore[no-untyped-def]
    """The extracted Markdown, block quotes written as such, table cells trafilatura
    emptied filled back from the `page` (reader.news.table_cells)."""
    import secrets
    from copy import deepcopy

    from trafilatura.xml import xmltotxt

    from reader.news.table_cells import restore_cells

    body = getattr(result, "body", None)
    if body is None:
        return result.text
    body = deepcopy(body)
    # Marks the page cannot contain and trafilatura neither strips nor escapes.
    token = secrets.token_hex(8)
    start, end = f"QUOTESTART{token}", f"QUOTEEND{token}"
    restored = restore_cells(body, page)
    if not _mark_quotes(body, start, end) and not restored:
        return result.text
    text = xmltotxt(body, True)
    text = re.sub(f"{start}(.*?){end}", _quoted, text, flags=re.S)
    return text.replace(start, "").replace(end, "")
