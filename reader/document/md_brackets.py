"""Linear inline parsing for bracket-heavy Markdown: an inline rule for markdown-it-py.

markdown-it tries every `[` as a link (and every `![`, `^[` and `[^` as an image or a
footnote) by scanning ahead for its closing `]`, and every failed scan nests one level
deeper, up to `maxNesting`: a paragraph of `[[[[…` or `![a![a…` costs about `maxNesting`
steps per character. This rule, run just before markdown-it's `link` rule, consumes what
can start nothing at all as plain text, in one step:

* a `[` whose link (and footnote reference) certainly fails: no `]` can close it, or its
  closing `]` is followed by neither `(` nor, when the document defines references, `[`
  or a defined label;
* `!` and `^` unless followed by a `[` that could still open an image or an inline note;
* `<` not followed by what starts a tag or an autolink, `&` that starts no entity;
* the punctuation no enabled rule starts at (`]`, `#`, `-`, `:` …).

"Certainly" is decided on the paragraph's text alone, without the tokens: a code span,
an autolink or HTML tag, a backslash escape, a link destination (`](`) or a footnote
label (`[^`) can hide brackets, so past the first of them (the paragraph's first
"hiding mark" after the `[`) any `]` counts as a possible close. Where the rule cannot
be sure it steps aside and markdown-it's own rules decide, so the tokens are the ones
markdown-it makes (except past its nesting cut-off, where this rule keeps reading
CommonMark's way). Inside a scan for a closing bracket (silent mode) a certain `[`
is one step of text, exactly what the failed rules would have made it.

The rule knows the inline rules of reader.document.markdown's parser (`KNOWN_RULES`);
tests check that list against the parser, so enabling another rule means revisiting this.
"""

from __future__ import annotations

import bisect
import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

# The inline rules this rule's reasoning covers, and the characters each can start at.
KNOWN_RULES = (
    "text",
    "newline",
    "escape",
    "backticks",
    "emphasis",
    "link",
    "image",
    "footnote_inline",
    "footnote_ref",
    "autolink",
    "html_inline",
    "entity",
)
# markdown-it's text-ending characters no rule above starts at: always plain text.
_INERT = frozenset("#$%+-:=>@]{}~")
_STARTERS = "[!^<&"  # the characters `plain` decides on, with _INERT
# What may follow the `<` of a tag (a letter, `!`, `?`, `/`) or of an autolink (a scheme's
# letter, an e-mail address's first character).
_AFTER_LT = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-"
)
_ENTITY = re.compile(r"&(?:#(?:x[a-f0-9]{1,6}|[0-9]{1,7});|[a-z][a-z0-9]{1,31};)", re.I)
_BRACKETS = re.compile(r"[\[\]]")
# Where tokens that may hide brackets begin: code spans, tags and autolinks, escapes,
# link destinations and titles, footnote labels.
_HIDING = re.compile(r"[`<\\]|\]\(|\[\^")  # the mark is a match's last character
_ATTR = "_reader_brackets"
_WINDOW = 200


class _Brackets:
    """The bracket facts of one inline source, computed once, in one pass each."""

    __slots__ = ("src", "match", "leaf", "hiding", "last_close", "refs")

    def __init__(self, src: str, refs: dict | None) -> None:
        self.src = src
        self.refs = refs
        self.match: dict[int, int] = {}  # `[` -> its `]`, counting brackets only
        self.leaf: set[int] = set()  # `[` with no bracket between it and its `]`
        self.last_close = src.rfind("]")
        stack: list[int] = []
        for m in _BRACKETS.finditer(src, 0, self.last_close + 1):
            pos = m.start()
            if src[pos] == "[":
                if stack:
                    self.leaf.discard(stack[-1])
                stack.append(pos)
                self.leaf.add(pos)
            elif stack:
                self.match[stack.pop()] = pos
        self.hiding = [m.end() - 1 for m in _HIDING.finditer(src)]

    def hiding_index(self, pos: int) -> int:
        """The index in `hiding` of the first hiding mark after `pos`."""
        return bisect.bisect_right(self.hiding, pos)

    def _unclosable(self, pos: int, hiding: int) -> bool:
        return pos not in self.match and self.last_close < hiding

    def _no_link(self, pos: int, hiding: int) -> bool:
        close = self.match.get(pos)
        if close is None or close >= hiding:
            return self.last_close < hiding
        after = self.src[close + 1 : close + 2]
        if after == "(":
            return False
        if self.refs:
            if after == "[":
                return False
            label = self.src[pos + 1 : close]
            if pos in self.leaf and normalizeReference(label) in self.refs:
                return False
        return True

    def plain(self, pos: int, k: int) -> bool:
        """Can the `[`, `![` or `^[` at `pos` start nothing (so it is plain text)? `k` is
        `hiding_index(pos)`."""
        src = self.src
        hiding = self.hiding[k] if k < len(self.hiding) else len(src)
        if src[pos] == "[":
            return self._no_link(pos, hiding)
        # `pos + 1` holds a `[`, never a hiding mark: the first mark after it is `hiding`.
        if src[pos] == "!":
            return self._no_link(pos + 1, hiding)
        return self._unclosable(pos + 1, hiding)


def _facts(state) -> _Brackets:
    facts = getattr(state, _ATTR, None)
    if facts is None or facts.src is not state.src:
        facts = _Brackets(state.src, state.env.get("references"))
        setattr(state, _ATTR, facts)
    return facts


def _plain_alone(src: str, pos: int, end: int) -> bool | None:
    """Is the character at `pos` plain text, as far as it tells alone? None for a `[`, `![`
    or `^[`, which the paragraph's bracket facts decide."""
    c = src[pos]
    if c in _INERT:
        return True
    if c == "<":
        return pos + 1 >= end or src[pos + 1] not in _AFTER_LT
    if c == "&":
        return _ENTITY.match(src, pos, end) is None
    if c == "[":
        return None
    if c == "!" or c == "^":
        return None if pos + 1 < end and src[pos + 1] == "[" else True
    return False


def _plainly_a_link(state, pos: int) -> bool:
    """Does the `[` at `pos` close within a short window, with no bracket inside, followed by
    `(` (or `[` where the document defines references)? Then it is most likely a link, and
    certainly not plain text."""
    src = state.src
    close = src.find("]", pos + 1, pos + _WINDOW)
    if close < 0 or src.find("[", pos + 1, close) >= 0:
        return False
    after = src[close + 1 : close + 2]
    return after == "(" or (after == "[" and bool(state.env.get("references")))


def _run_end(state, pos: int) -> int:
    """Where the plain text from `pos` ends (`pos` if it does not start there)."""
    src, end = state.src, state.posMax
    terminators = state.md.inline.terminator_re
    facts: _Brackets | None = getattr(state, _ATTR, None)
    k = facts.hiding_index(pos) if facts is not None else 0
    while pos < end:
        c = src[pos]
        if c not in _INERT and c not in _STARTERS:
            if terminators.match(src, pos) is not None:
                break
            stop = terminators.search(src, pos, end)
            pos = stop.start() if stop else end
            continue
        plain = _plain_alone(src, pos, end)
        if plain is None:
            if facts is None:
                if _plainly_a_link(state, pos if c == "[" else pos + 1):
                    break  # a link in a paragraph not scanned yet: it stays unscanned
                facts = _facts(state)
                k = facts.hiding_index(pos)
            while k < len(facts.hiding) and facts.hiding[k] <= pos:
                k += 1
            plain = facts.plain(pos, k)
        if not plain:
            break
        pos += 1
    return pos


def plain_brackets(state, silent: bool) -> bool:
    """The inline rule: consume plain text markdown-it would take one character at a time."""
    pos = state.pos
    c = state.src[pos]
    if c not in _INERT and c not in _STARTERS:
        return False
    if silent:
        # One `[` as one character of text, as the failed rules would leave it, so the bracket
        # scan counts it; anything else is left to the rules, which are as quick for one.
        if _plain_alone(state.src, pos, state.posMax) is not None:
            return False
        facts = _facts(state)
        if not facts.plain(pos, facts.hiding_index(pos)):
            return False
        state.pos = pos + 1
        return True
    end = _run_end(state, pos)
    if end == pos:
        return False
    state.append_pending(state.src[pos:end])
    state.pos = end
    return True


def use_plain_brackets(md: MarkdownIt) -> MarkdownIt:
    """`md` with the rule installed before `link`."""
    md.inline.ruler.before("link", "plain_brackets", plain_brackets)
    return md
