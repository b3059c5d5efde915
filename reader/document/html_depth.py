"""Saved pages nested too deeply for the article extractor, made readable.

lxml (under trafilatura) stops building a page's tree 255 elements deep and silently drops
everything below: a page of 255 nested `<div>`s read as "no article text found", its text
gone. Before extraction, a page nested deeper than `MAX_DEPTH` is flattened: the wrappers
below `KEEP_DEPTH` (every element but paragraphs, headings, lists, tables, quotes, code and
inline formatting) are taken out with their text kept in place (scripts, styles and comments
go whole); if it still nests too deeply every element below `KEEP_DEPTH` is taken out. A page deeper than even lxml's largest trees
(`HUGE_DEPTH`) cannot be parsed whole: its text is read by reader.document.html_text,
which keeps no tree, as plain paragraphs. Either way one line says so.
"""

from __future__ import annotations

MAX_DEPTH = 200  # a page nested deeper than this is flattened before extraction
KEEP_DEPTH = 100  # the depth it is flattened to
HUGE_DEPTH = 2000  # lxml's trees stop near 2,048 levels even with `huge_tree`
_CONTENT = frozenset(
    {
        "html", "body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
        "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote",
        "pre", "code", "figure", "figcaption", "img", "a", "em", "strong", "b", "i", "u", "s",
        "sub", "sup", "br", "hr",
    }
)  # fmt: skip


def _at_depth(depth: int) -> str:
    """XPath of the elements `depth` levels below the root element."""
    return "/*" * (depth + 1)


# Elements whose content is no text to read: taken out whole, never merged into the text.
_NOT_TEXT = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "svg", "math", "object"}
)


def _flatten_below(root, depth: int, keep: frozenset[str]) -> None:  # type: ignore[no-untyped-def]
    for top in root.xpath(_at_depth(depth)):
        for element in list(top.iterdescendants()):
            if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
                element.drop_tree()  # a comment, a script: gone, the text after it kept
            elif element.tag not in keep:
                element.drop_tag()


def _too_deep(root, depth: int) -> bool:  # type: ignore[no-untyped-def]
    return bool(root.xpath(_at_depth(depth)))


def shallow_page(html: str) -> tuple[str, str | None, bool]:
    """(page, note, whole): `html` itself when it nests no deeper than `MAX_DEPTH`; else
    the page flattened (`whole` True) or, too deep for any tree, `html` as it is with
    `whole` False (read it as plain text), and the one-line `note` saying which."""
    if html.count("<") < MAX_DEPTH:  # too few tags to nest that deep
        return html, None, True
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return html, None, True
    if not _too_deep(root, MAX_DEPTH):
        return html, None, True
    if _too_deep(root, HUGE_DEPTH):
        return (
            html,
            f"the page nests more than {HUGE_DEPTH} levels deep: shown as plain text",
            False,
        )
    _flatten_below(root, KEEP_DEPTH, _CONTENT)
    if _too_deep(root, MAX_DEPTH):
        _flatten_below(root, KEEP_DEPTH, frozenset())
    page = lxml_html.tostring(root, encoding="unicode")
    return page, f"the page nests more than {MAX_DEPTH} levels deep: shown flattened", True
