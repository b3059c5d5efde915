"""Table cells put back from the page: trafilatura drops any text node that reads like a
share button (`Twitter`, `Print`, `PDF`, … in `trafilatura.utils.RE_FILTER`, applied to
every node with no option to turn it off), which empties a table cell holding that word.

An extracted row with empty cells is matched against the page's own rows (same number of
cells, every non-empty cell equal after folding whitespace); the first match gives the
empty cells their text. Only the cell's text is taken (`<script>`/`<style>` content never);
the body is sanitized afterwards like any extracted text."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

_SKIP = ("script", "style", "template", "noscript")


def _folded(text: str | None) -> str:
    return " ".join((text or "").split())


def _cell_text(cell: etree._Element) -> str:
    parts = [cell.text or ""]
    for child in cell.iterchildren():
        if isinstance(child.tag, str) and child.tag.lower() not in _SKIP:
            parts.append(_cell_text(child))
        parts.append(child.tail or "")
    return _folded("".join(parts))


def _page_rows(page: str) -> list[list[str]]:
    try:
        root = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    return [[_cell_text(cell) for cell in row.xpath("./td|./th")] for row in root.iter("tr")]


def restore_cells(body: etree._Element, page: str) -> bool:
    """Fill `body`'s empty table cells from the page's matching rows; True if any was."""
    rows = [row for row in body.iter("row") if any(_empty(cell) for cell in row.iter("cell"))]
    if not rows:
        return False
    page_rows = _page_rows(page)
    restored = False
    for row in rows:
        cells = list(row.iter("cell"))
        texts = [_folded("".join(cell.itertext())) for cell in cells]
        for candidate in page_rows:
            if len(candidate) == len(texts) and all(
                not text or text == other for text, other in zip(texts, candidate, strict=True)
            ):
                for cell, text, other in zip(cells, texts, candidate, strict=True):
                    if not text and other:
                        cell.text = other
                        restored = True
                break
    return restored


def _empty(cell: etree._Element) -> bool:
    return len(cell) == 0 and not (cell.text or "").strip()
