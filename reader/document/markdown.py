"""Markdown articles: markdown-it-py tokens in, display-text blocks out.

The parser is markdown-it-py's "commonmark" preset with tables enabled and HTML enabled (so
raw HTML is recognised as such) but never interpreted: an HTML block shows as the paragraphs
of text it holds, an inline tag as nothing (a `<br>` as a space): reader.document.html_text. For Markdown, `Document.text` is the display
text: the blocks' display texts joined with "\\n\\n"; offsets index it, and
`Block.source_line` is the 1-based line of the block in the file.

Front matter: YAML (`---`, via mdit-py-plugins' front_matter plugin) or TOML (`+++`,
stripped here), and Franklin's `@def key = value` lines, read by
reader.document.front_matter, give title, author(s), date and description (the subtitle).
A broken front matter is not fatal: it is noted in `messages`, and TOML keeps every value
that parses. Front-matter title/description/date/authors are shown as title/subtitle/meta
blocks at the top (source line 1) so what the header says is also on screen.

Footnotes, admonitions, `:::` containers and content tabs (reader.document.md_extensions)
show as a list of notes and labelled boxes (`quote` blocks labelled with the box's kind).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.document.dateline import read_reporting_credit
from reader.document.decode import sanitize
from reader.document.front_matter import (
    apply_front_matter,
    is_franklin_def,
    iso_date,
    read_franklin_defs,
    read_toml,
    read_yaml,
)
from reader.document.html_text import html_pieces, is_line_break
from reader.document.md_extensions import (
    box_heading,
    box_kind,
    clean_title,
    footnote_label,
    is_box_close,
    is_box_open,
    rewrite_tabs,
    use_extensions,
)
from reader.document.model import Block, Metadata, Span

_SEPARATOR = "\n\n"
_HEADING_ID = re.compile(r"\s*(?:\{#[^}]*\}|\{/\*?.*?\*?/\})\s*$")
_TOML_FM = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.S)


@dataclass(slots=True)
class MarkdownResult:
    text: str
    blocks: list[Block]
    meta: Metadata
    messages: list[str] = field(default_factory=list)


# markdown-it stops parsing a container nested deeper than `maxNesting` and drops the rest of
# it; a document that reaches the limit is parsed again with its containers flattened below
# `FLAT_DEPTH` levels (`_flatten`), so no text is ever silently lost.
MAX_NESTING = 100
FLAT_DEPTH = 30
_CONTAINER_MARK = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")
_INDENT = re.compile(r"[ \t]*")


@functools.cache
def _md() -> MarkdownIt:
    """The one parser (building it compiles its rules, so it is made once)."""
    options = {"html": True, "maxNesting": MAX_NESTING}
    md = MarkdownIt("commonmark", options).enable("table").use(front_matter_plugin)
    return use_extensions(md)


def _too_deep(tokens: list) -> bool:
    return any(tok.level >= MAX_NESTING - 1 for tok in tokens)


def _flatten_line(line: str) -> str:
    """`line` with at most 2 * FLAT_DEPTH columns of indentation and FLAT_DEPTH container
    marks (`>`, list markers) before its text."""
    indent = _INDENT.match(line).end()
    if indent > 2 * FLAT_DEPTH:
        line = line[indent - 2 * FLAT_DEPTH :]
    pos = 0
    for _ in range(FLAT_DEPTH):
        m = _CONTAINER_MARK.match(line, pos)
        if m is None or m.end() == pos:
            return line
        pos = m.end()
    while (m := _CONTAINER_MARK.match(line, pos)) is not None and m.end() > pos:
        line = line[:pos] + line[m.end() :]
    return line


def _flatten(body: str) -> str:
    return "\n".join(_flatten_line(line) for line in body.split("\n"))


# --- front matter ----------------------------------------------------------------------------


def _front_matter_yaml(content: str, meta: Metadata, messages: list[str], name: str) -> None:
    data, problem = read_yaml(content)
    if problem is not None:
        messages.append(f"{problem}: {name}")
        return
    apply_front_matter(data, meta)


def _strip_toml(text: str, meta: Metadata, messages: list[str], name: str) -> tuple[str, int]:
    """Remove a `+++` TOML front matter: (rest of the text, lines removed)."""
    m = _TOML_FM.match(text)
    if not m:
        return text, 0
    data, problem = read_toml(m.group(1))
    if problem is not None:
        messages.append(f"{problem}: {name}")
    if data is not None:
        apply_front_matter(data, meta)
    return text[m.end() :], text.count("\n", 0, m.end())


_FENCE = re.compile(r"^[ ]{0,3}(?:`{3,}|~{3,})")


def _take_franklin_defs(body: str, meta: Metadata) -> str:
    """Franklin's `@def key = value` lines (outside code fences) are front matter: read
    into `meta` where the front matter left a field empty, and blanked in the body (line
    numbers stay) so they never show as a paragraph."""
    if "@def" not in body:
        return body
    lines = body.split("\n")
    in_fence = False
    found: list[int] = []
    for k, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and is_franklin_def(line):
            found.append(k)
    if not found:
        return body
    defs = Metadata()
    apply_front_matter(read_franklin_defs([lines[k] for k in found]), defs)
    meta.title = meta.title or defs.title
    meta.subtitle = meta.subtitle or defs.subtitle
    meta.published = meta.published or defs.published
    meta.authors = meta.authors or defs.authors
    meta.source = meta.source or defs.source
    for k in found:
        lines[k] = ""
    return "\n".join(lines)


# --- inline rendering --------------------------------------------------------------------------


def _render_inline(children, out: list[str], spans: list[Span], pos: int) -> int:  # noqa: C901, PLR0912 - one branch per inline token type, in one place
    """Append the display text of inline tokens to `out`; record spans. Returns new pos."""
    open_at: list[tuple[str, int, str | None]] = []
    for tok in children or ():
        kind = tok.type
        if kind == "text":
            out.append(tok.content)
            pos += len(tok.content)
        elif kind == "html_inline":  # a tag: shown as a browser shows it, as nothing
            if is_line_break(tok.content):
                out.append(" ")
                pos += 1
        elif kind == "softbreak":
            out.append(" ")
            pos += 1
        elif kind == "hardbreak":
            out.append("\n")
            pos += 1
        elif kind == "code_inline":
            spans.append(Span(pos, pos + len(tok.content), "code"))
            out.append(tok.content)
            pos += len(tok.content)
        elif kind == "footnote_ref":
            label = footnote_label(tok.meta)
            out.append(label)
            pos += len(label)
        elif kind == "footnote_anchor":
            continue
        elif kind == "image":
            alt_parts: list[str] = []
            _render_inline(tok.children, alt_parts, [], 0)
            alt = "".join(alt_parts).strip() or str(tok.attrs.get("src", ""))
            label = f"[image: {alt}]" if alt else "[image]"
            out.append(label)
            pos += len(label)
        elif kind.endswith("_open"):
            style = {"em": "emphasis", "strong": "strong", "link": "link", "s": "strike"}.get(
                kind[:-5]
            )
            url = tok.attrs.get("href") if kind == "link_open" else None
            open_at.append((style or "", pos, str(url) if url is not None else None))
        elif kind.endswith("_close") and open_at:
            style, start, url = open_at.pop()
            if style and pos > start:
                spans.append(Span(start, pos, style, url))
        elif tok.content:
            out.append(tok.content)
            pos += len(tok.content)
    return pos


def _inline_text(token) -> tuple[str, tuple[Span, ...]]:
    parts: list[str] = []
    spans: list[Span] = []
    _render_inline(token.children, parts, spans, 0)
    text = "".join(parts)
    # Trim outer whitespace, shifting spans to match.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if lead or spans:
        spans = [
            Span(max(0, s.start - lead), min(len(text), s.end - lead), s.style, s.url)
            for s in spans
            if min(len(text), s.end - lead) > max(0, s.start - lead)
        ]
    spans.sort(key=lambda s: (s.start, -s.end))
    return text, tuple(spans)


# --- block walk ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Pending:
    kind: str
    text: str
    spans: tuple[Span, ...] = ()
    level: int = 0
    label: str = ""
    source_line: int = 1


def _html_paragraphs(source: str, line: int) -> list[_Pending]:
    """A raw HTML block as the paragraphs (and `<pre>` code) it shows; none for a comment, a
    script, a stylesheet or an empty wrapper (reader.document.html_text)."""
    return [_Pending(kind, text, (), 0, "", line) for kind, text in html_pieces(source)]


def _walk(tokens, line_offset: int, meta: Metadata, messages: list[str], name: str):  # noqa: C901, PLR0912 - one branch per block token type: the token grammar in one place
    out: list[_Pending] = []
    list_stack: list[list] = []  # [kind, next number, marker]
    item_stack: list[list] = []  # [label, paragraphs seen]
    quote_depth = 0
    boxes: list[str] = []  # kinds of the admonitions / containers we are inside
    note_label = ""  # inside a footnote definition: its label, until its first paragraph
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        line = (tok.map[0] + 1 + line_offset) if tok.map else 1 + line_offset
        if kind == "front_matter":
            _front_matter_yaml(tok.content, meta, messages, name)
        elif is_box_open(kind):
            box, title = box_kind(kind, tok.info, tok.meta)
            if i + 2 < n and tokens[i + 1].type == "admonition_title_open":
                title = _inline_text(tokens[i + 2])[0]
                i += 3  # the title's tokens are read
            boxes.append(box)
            heading = box_heading(box, clean_title(title))
            out.append(_Pending("quote", heading, (), quote_depth + len(boxes), box, line))
        elif is_box_close(kind):
            if boxes:
                boxes.pop()
        elif kind == "footnote_open":
            note_label = footnote_label(tok.meta)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append([kind, 0, tok.markup])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if list_stack:
                list_stack.pop()
        elif kind == "list_item_open":
            if list_stack and list_stack[-1][0] == "ordered_list_open":
                label = f"{tok.info or ''}{tok.markup or '.'}"
            else:
                label = "•"
            item_stack.append([label, 0])
        elif kind == "list_item_close":
            if item_stack:
                item_stack.pop()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth = max(0, quote_depth - 1)
        elif kind == "heading_open" and i + 1 < n:
            text, spans = _inline_text(tokens[i + 1])
            text = _HEADING_ID.sub("", text)
            spans = tuple(s for s in spans if s.end <= len(text))
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            if text:
                out.append(_Pending("heading", text, spans, level, "", line))
            i += 3
            continue
        elif kind == "paragraph_open" and i + 1 < n:
            text, spans = _inline_text(tokens[i + 1])
            if text:
                if item_stack:
                    item = item_stack[-1]
                    label = item[0] if item[1] == 0 else ""
                    item[1] += 1
                    out.append(_Pending("list_item", text, spans, len(list_stack), label, line))
                elif tok.level and not boxes and not quote_depth and _in_footnote(tokens, i):
                    out.append(_Pending("list_item", text, spans, 1, note_label, line))
                    note_label = ""
                elif boxes:
                    depth = quote_depth + len(boxes)
                    out.append(_Pending("quote", text, spans, depth, boxes[-1], line))
                elif quote_depth:
                    out.append(_Pending("quote", text, spans, quote_depth, "", line))
                else:
                    out.append(_Pending("paragraph", text, spans, 0, "", line))
            i += 3
            continue
        elif kind in ("fence", "code_block"):
            text = tok.content.rstrip("\n")
            if text.strip():
                # Franklin marks raw HTML with `~~~` lines: a bare `~~~` fence of HTML is HTML.
                if tok.markup == "~~~" and not tok.info and text.lstrip()[:1] == "<":
                    out.extend(_html_paragraphs(text, line))
                else:
                    out.append(_Pending("code", text, (), 0, (tok.info or "").strip(), line))
        elif kind == "html_block":
            out.extend(_html_paragraphs(tok.content, line))
        elif kind == "table_open":
            rows: list[str] = []
            cells: list[str] = []
            j = i + 1
            while j < n and tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "inline":
                    cells.append(_inline_text(t)[0].replace("\n", " "))
                elif t.type == "tr_close":
                    rows.append(" | ".join(cells))
                    cells = []
                j += 1
            text = "\n".join(rows)
            if text.strip():
                out.append(_Pending("table", text, (), 0, "", line))
            i = j + 1
            continue
        i += 1
    return out


def _in_footnote(tokens: list, i: int) -> bool:
    """Is the paragraph at `i` inside a footnote definition (a footnote_open before it at a
    lower level, not closed yet)?"""
    level = tokens[i].level
    for j in range(i - 1, -1, -1):
        t = tokens[j]
        if t.level < level:
            return t.type == "footnote_open"
    return False


# --- entry point ---------------------------------------------------------------------------------


def _header_blocks(meta: Metadata, first: _Pending | None) -> list[_Pending]:
    """Title / subtitle / meta blocks from the front matter (shown at the top)."""
    head: list[_Pending] = []
    if meta.title and not (first and first.kind == "title"):
        head.append(_Pending("title", meta.title, (), 0, "", 1))
    if meta.subtitle:
        text, spans = _inline_text_of(meta.subtitle)
        meta.subtitle = text
        if text:
            head.append(_Pending("subtitle", text, spans, 0, "", 1))
    bits = []
    if meta.published:
        bits.append(meta.published)
    if meta.authors:
        bits.append("by " + ", ".join(meta.authors))
    if meta.source:
        bits.append(meta.source)
    if bits:
        head.append(_Pending("meta", " · ".join(bits), (), 0, "", 1))
    return head


def _inline_text_of(source: str) -> tuple[str, tuple[Span, ...]]:
    tokens = _md().parseInline(" ".join(source.split()))
    if not tokens:
        return "", ()
    return _inline_text(tokens[0])


def parse_markdown(text: str, name: str = "") -> MarkdownResult:  # noqa: C901, PLR0912 - front matter, parse and block assembly read in order
    """Display text, blocks and metadata for normalised Markdown source. Never raises."""
    meta = Metadata()
    messages: list[str] = []
    body, skipped = _strip_toml(text, meta, messages, name)
    body = rewrite_tabs(_take_franklin_defs(body, meta))
    try:
        tokens = _md().parse(body)
        if _too_deep(tokens):
            messages.append(
                f"text nested more than {FLAT_DEPTH} levels deep is shown flattened: {name}"
            )
            tokens = _md().parse(_flatten(body))
            if _too_deep(tokens):
                raise RecursionError("nested too deeply even when flattened")
    except Exception:  # noqa: BLE001 - a parser bug must not take the reader down
        messages.append(f"Markdown could not be parsed, shown as plain text: {name}")
        tokens = []
        pending = [_Pending("paragraph", body.strip(), (), 0, "", 1)] if body.strip() else []
    else:
        pending = _walk(tokens, skipped, meta, messages, name)
    # Title: front matter, else the first H1 (which then shows as the title block).
    if not meta.title:
        for p in pending:
            if p.kind == "heading" and p.level == 1:
                meta.title = p.text
                break
    if pending and pending[0].kind == "heading" and pending[0].level == 1:
        if pending[0].text == meta.title:
            pending[0].kind = "title"
    if not meta.published and name:
        meta.published = iso_date(name)
    head = _header_blocks(meta, pending[0] if pending else None)
    # The article's own title heading stays first: the date and byline go under it.
    at = 1 if pending and pending[0].kind == "title" else 0
    pending = pending[:at] + head + pending[at:]
    if pending and pending[-1].kind == "paragraph" and read_reporting_credit(pending[-1].text):
        # A wire credit closing a saved news page folds, as it does in plain text.
        pending[-1].kind, pending[-1].label = "boilerplate", "Reporting credits"
    if not meta.title:
        meta.title = name
    blocks: list[Block] = []
    parts: list[str] = []
    pos = 0
    for p in pending:
        shown = sanitize(p.text)
        if blocks:
            parts.append(_SEPARATOR)
            pos += len(_SEPARATOR)
        block = Block(
            p.kind,
            pos,
            pos + len(shown),
            shown,
            spans=p.spans,
            level=p.level,
            label=sanitize(p.label),
            source_line=p.source_line,
        )
        blocks.append(block)
        parts.append(shown)
        pos += len(shown)
    meta.title = sanitize(meta.title)
    meta.subtitle = sanitize(meta.subtitle)
    return MarkdownResult("".join(parts), blocks, meta, messages)
