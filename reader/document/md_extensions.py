"""Markdown extensions blog posts use, through mdit-py-plugins, shown as readable blocks.

* footnotes (`[^1]` … `[^1]: text`, mdit_py_plugins.footnote): a reference shows as `[1]`,
  the definitions as a list at the end, each item labelled `[1]`;
* admonitions (`!!! note "Title"`, collapsible `???` / `???+`, mdit_py_plugins.admon) and
  custom containers (`::: details Title` … `:::`, Docusaurus `:::note`,
  mdit_py_plugins.container): a labelled box, its title line first (`Note: Title`,
  `Details: Why bundled dev mode?`), its paragraphs as quotes inside it;
* content tabs (`=== "Tab"` with an indented body, Material for MkDocs): read as an
  admonition of kind `tab` (the same indented-body syntax; the line is rewritten before
  parsing, outside code fences, so line numbers stay), shown as `Tab: title`.

Never raw syntax on screen. Pure; nothing here raises.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from reader.document.md_brackets import use_plain_brackets

_FENCE = re.compile(r"^[ ]{0,3}(?:`{3,}|~{3,})")
_TAB = re.compile(r'^(?P<indent>[ ]*)===(?P<open>\+?)[ \t]+"(?P<title>[^"\n]*)"[ \t]*$')
# Material icon shortcodes in titles: ":octicons-file-code-16:".
_ICON = re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:\s*")


def _any_container(params: str, *_args: object) -> bool:
    return bool(params.strip())


def use_extensions(md: MarkdownIt) -> MarkdownIt:
    """`md` with footnotes, admonitions and `:::` containers enabled."""
    md.use(footnote_plugin).use(admon_plugin)
    md.use(container_plugin, name="box", validate=_any_container)
    return use_plain_brackets(md)


def rewrite_tabs(body: str) -> str:
    """Content-tab lines (`=== "Tab"`) outside code fences become admonition lines
    (`!!! tab "Tab"`), one for one."""
    if '=== "' not in body and '===+ "' not in body:
        return body
    lines = body.split("\n")
    in_fence = False
    for k, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        m = None if in_fence else _TAB.match(line)
        if m:
            title = m["title"].replace('"', "'")
            lines[k] = f'{m["indent"]}!!! tab "{title}"'
    return "\n".join(lines)


def box_kind(token_type: str, info: str, meta: dict | None) -> tuple[str, str]:
    """(kind, title from the opening line) of an admonition or container: ("tip", "") for
    `!!! tip "…"` (its title comes as tokens of its own), ("details", "Why bundled dev
    mode?") for `::: details Why bundled dev mode?`."""
    if token_type == "admonition_open":
        return str((meta or {}).get("tag", "")) or "note", ""
    words = info.strip().split(None, 1)
    kind = words[0].lower() if words else "note"
    return kind, words[1].strip() if len(words) > 1 else ""


def clean_title(title: str) -> str:
    """A box title without Material icon shortcodes (":octicons-file-code-16:")."""
    return " ".join(_ICON.sub("", title).split())


def box_heading(kind: str, title: str) -> str:
    """The first line a box shows: "Tip: Switch the Primitive", "Details: …", "Note"."""
    name = kind.replace("-", " ").replace("_", " ").strip().capitalize() or "Note"
    return f"{name}: {title}" if title and title.lower() != kind.lower() else name


def is_box_open(token_type: str) -> bool:
    return token_type in ("admonition_open", "container_box_open")


def is_box_close(token_type: str) -> bool:
    return token_type in ("admonition_close", "container_box_close")


def footnote_label(meta: dict | None) -> str:
    """ "[1]" for footnote 1 (its label as written: `[^note]` gives "[note]")."""
    label = (meta or {}).get("label")
    if label is None:
        label = int((meta or {}).get("id", 0)) + 1
    return f"[{label}]"
